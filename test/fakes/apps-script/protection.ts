import { instrument } from './context.ts';
import type { ProtectionTypeName } from './enums.ts';
import { exception } from './errors.ts';
import { FakeRange } from './range.ts';
import { Region } from './regions.ts';
import type { SheetModel } from './sheet-model.ts';

/** A protected sheet or range; range protections follow row/column edits through their Region. */
export class ProtectionModel {
  description = '';
  warningOnly = false;
  domainEdit = true;
  editors: string[];
  unprotected: Region[] = [];

  constructor(
    readonly type: ProtectionTypeName,
    readonly sheet: SheetModel,
    readonly region: Region | undefined,
    owner: string,
  ) {
    this.editors = [owner];
  }
}

interface UserLike {
  getEmail(): string;
}
const emailOf = (user: string | UserLike): string => (typeof user === 'string' ? user : user.getEmail());

/** The Protection object scripts see. Calls are counted as 'Protection.*' (not range calls). */
export class FakeProtection {
  constructor(readonly model: ProtectionModel) {}

  get ctx() {
    return this.model.sheet.book.ctx;
  }

  getProtectionType(): ProtectionTypeName {
    return this.model.type;
  }
  getDescription(): string {
    return this.model.description;
  }
  setDescription(description: string): this {
    this.model.description = description;
    return this;
  }
  isWarningOnly(): boolean {
    return this.model.warningOnly;
  }
  setWarningOnly(warningOnly: boolean): this {
    this.model.warningOnly = warningOnly;
    return this;
  }
  getRange(): FakeRange {
    const { sheet, region } = this.model;
    return new FakeRange(sheet, region ? region.rect() : sheet.fullRect());
  }
  getEditors(): UserLike[] {
    return this.model.editors.map((email) => ({ getEmail: () => email }));
  }
  addEditor(user: string | UserLike): this {
    const email = emailOf(user);
    if (!this.model.editors.includes(email)) this.model.editors.push(email);
    return this;
  }
  addEditors(users: Array<string | UserLike>): this {
    for (const u of users) this.addEditor(u);
    return this;
  }
  removeEditor(user: string | UserLike): this {
    const email = emailOf(user);
    this.model.editors = this.model.editors.filter((e) => e !== email);
    return this;
  }
  removeEditors(users: Array<string | UserLike>): this {
    for (const u of users) this.removeEditor(u);
    return this;
  }
  canEdit(): boolean {
    return true;
  }
  canDomainEdit(): boolean {
    return this.model.domainEdit;
  }
  setDomainEdit(editable: boolean): this {
    this.model.domainEdit = editable;
    return this;
  }
  getUnprotectedRanges(): FakeRange[] {
    return this.model.unprotected.filter((r) => !r.deleted).map((r) => new FakeRange(this.model.sheet, r.rect()));
  }
  setUnprotectedRanges(ranges: FakeRange[]): this {
    if (this.model.type !== 'SHEET') throw exception('Unprotected ranges can only be set on a sheet protection.');
    for (const r of this.model.unprotected) this.model.sheet.untrack(r);
    this.model.unprotected = ranges.map((range) => this.model.sheet.track(Region.of(range.rect)));
    return this;
  }
  remove(): void {
    const { sheet } = this.model;
    sheet.protections = sheet.protections.filter((p) => p !== this.model);
    if (this.model.region) sheet.untrack(this.model.region);
  }
}

instrument(FakeProtection, { className: 'Protection', denyInNone: 'all' });
