import type { Rect } from './a1.ts';
import { normalizeColor } from './colors.ts';
import type { BooleanCriteriaName, DataValidationCriteriaName } from './enums.ts';
import { exception } from './errors.ts';
import { FakeRange } from './range.ts';
import type { SheetModel } from './sheet-model.ts';

/** A range captured by a rule: the sheet and the cells, independent of any Range facade. */
export interface RangeRef {
  sheet: SheetModel;
  rect: Rect;
}

const refOf = (range: FakeRange): RangeRef => ({ sheet: range.sheetModel, rect: { ...range.rect } });

// ---------------------------------------------------------------- data validation

interface ValidationSpec {
  criteria: DataValidationCriteriaName;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

/** An immutable data-validation rule, as Range.getDataValidation(s) returns it. */
export class FakeDataValidation {
  readonly #spec: ValidationSpec;

  constructor(spec: ValidationSpec) {
    this.#spec = { ...spec, values: [...spec.values] };
  }

  getCriteriaType(): DataValidationCriteriaName {
    return this.#spec.criteria;
  }
  getCriteriaValues(): unknown[] {
    return [...this.#spec.values];
  }
  getAllowInvalid(): boolean {
    return this.#spec.allowInvalid;
  }
  getHelpText(): string | null {
    return this.#spec.helpText;
  }
  copy(): FakeDataValidationBuilder {
    return new FakeDataValidationBuilder({ ...this.#spec });
  }

  /** Whether `value` (as stored, after Sheets' parsing) satisfies the rule. Blank always passes. */
  accepts(value: number | string | boolean | null): boolean {
    if (value === null || value === '') return true;
    const [a, b] = this.#spec.values;
    const num = typeof value === 'number' ? value : undefined;
    switch (this.#spec.criteria) {
      case 'VALUE_IN_LIST':
        return ((a as unknown[] | undefined) ?? []).some((item) => String(item) === String(value));
      case 'VALUE_IN_RANGE': {
        const range = a as FakeRange | undefined;
        if (!range) return true;
        return range.sheetModel.readValues(range.rect).some((row) => row.some((cell) => String(cell) === String(value)));
      }
      case 'CHECKBOX':
        return this.#spec.values.length === 0 ? typeof value === 'boolean' : this.#spec.values.some((v) => v === value);
      case 'NUMBER_BETWEEN':
        return num !== undefined && num >= Number(a) && num <= Number(b);
      case 'NUMBER_NOT_BETWEEN':
        return num !== undefined && (num < Number(a) || num > Number(b));
      case 'NUMBER_EQUAL_TO':
        return num === Number(a);
      case 'NUMBER_NOT_EQUAL_TO':
        return num !== undefined && num !== Number(a);
      case 'NUMBER_GREATER_THAN':
        return num !== undefined && num > Number(a);
      case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
        return num !== undefined && num >= Number(a);
      case 'NUMBER_LESS_THAN':
        return num !== undefined && num < Number(a);
      case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
        return num !== undefined && num <= Number(a);
      case 'TEXT_CONTAINS':
        return String(value).includes(String(a));
      case 'TEXT_DOES_NOT_CONTAIN':
        return !String(value).includes(String(a));
      case 'TEXT_EQUAL_TO':
        return String(value) === String(a);
      case 'TEXT_IS_VALID_EMAIL':
        return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(value));
      case 'TEXT_IS_VALID_URL':
        return /^https?:\/\/\S+$/.test(String(value));
      default:
        // Formula- and date-based rules are not evaluated by the fake.
        return true;
    }
  }
}

/** SpreadsheetApp.newDataValidation(). */
export class FakeDataValidationBuilder {
  #spec: Partial<ValidationSpec> & { allowInvalid: boolean; helpText: string | null };

  constructor(spec?: ValidationSpec) {
    this.#spec = spec ? { ...spec } : { allowInvalid: true, helpText: null };
  }

  #set(criteria: DataValidationCriteriaName, values: unknown[]): this {
    this.#spec.criteria = criteria;
    this.#spec.values = values;
    return this;
  }

  requireValueInList(values: string[], showDropdown = true): this {
    if (!Array.isArray(values)) throw exception('requireValueInList expects an array of values.');
    return this.#set('VALUE_IN_LIST', [[...values], showDropdown]);
  }
  requireValueInRange(range: FakeRange, showDropdown = true): this {
    return this.#set('VALUE_IN_RANGE', [range, showDropdown]);
  }
  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): this {
    const values = checkedValue === undefined ? [] : uncheckedValue === undefined ? [checkedValue] : [checkedValue, uncheckedValue];
    return this.#set('CHECKBOX', values);
  }
  requireNumberBetween(start: number, end: number): this {
    return this.#set('NUMBER_BETWEEN', [start, end]);
  }
  requireNumberNotBetween(start: number, end: number): this {
    return this.#set('NUMBER_NOT_BETWEEN', [start, end]);
  }
  requireNumberEqualTo(n: number): this {
    return this.#set('NUMBER_EQUAL_TO', [n]);
  }
  requireNumberNotEqualTo(n: number): this {
    return this.#set('NUMBER_NOT_EQUAL_TO', [n]);
  }
  requireNumberGreaterThan(n: number): this {
    return this.#set('NUMBER_GREATER_THAN', [n]);
  }
  requireNumberGreaterThanOrEqualTo(n: number): this {
    return this.#set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]);
  }
  requireNumberLessThan(n: number): this {
    return this.#set('NUMBER_LESS_THAN', [n]);
  }
  requireNumberLessThanOrEqualTo(n: number): this {
    return this.#set('NUMBER_LESS_THAN_OR_EQUAL_TO', [n]);
  }
  requireTextContains(text: string): this {
    return this.#set('TEXT_CONTAINS', [text]);
  }
  requireTextDoesNotContain(text: string): this {
    return this.#set('TEXT_DOES_NOT_CONTAIN', [text]);
  }
  requireTextEqualTo(text: string): this {
    return this.#set('TEXT_EQUAL_TO', [text]);
  }
  requireTextIsEmail(): this {
    return this.#set('TEXT_IS_VALID_EMAIL', []);
  }
  requireTextIsUrl(): this {
    return this.#set('TEXT_IS_VALID_URL', []);
  }
  requireDate(): this {
    return this.#set('DATE_IS_VALID_DATE', []);
  }
  requireFormulaSatisfied(formula: string): this {
    return this.#set('CUSTOM_FORMULA', [formula]);
  }
  withCriteria(criteria: DataValidationCriteriaName, args: unknown[]): this {
    return this.#set(criteria, [...args]);
  }
  setAllowInvalid(allowInvalidData: boolean): this {
    this.#spec.allowInvalid = allowInvalidData;
    return this;
  }
  setHelpText(helpText: string): this {
    this.#spec.helpText = helpText;
    return this;
  }
  getCriteriaType(): DataValidationCriteriaName | undefined {
    return this.#spec.criteria;
  }
  getCriteriaValues(): unknown[] {
    return [...(this.#spec.values ?? [])];
  }
  getAllowInvalid(): boolean {
    return this.#spec.allowInvalid;
  }
  getHelpText(): string | null {
    return this.#spec.helpText;
  }
  copy(): FakeDataValidationBuilder {
    return this.build().copy();
  }
  build(): FakeDataValidation {
    const { criteria, values } = this.#spec;
    if (!criteria || !values) throw exception('You must set a criteria on the data validation rule before building it.');
    return new FakeDataValidation({ criteria, values, allowInvalid: this.#spec.allowInvalid, helpText: this.#spec.helpText });
  }
}

// ---------------------------------------------------------------- conditional formatting

export interface ConditionSpec {
  criteria: BooleanCriteriaName;
  values: unknown[];
}

/** The visual effect of a boolean conditional-format rule. */
export interface ConditionStyle {
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
  underline: boolean | null;
  strikethrough: boolean | null;
}

const emptyStyle = (): ConditionStyle => ({ background: null, fontColor: null, bold: null, italic: null, underline: null, strikethrough: null });

/** ConditionalFormatRule.getBooleanCondition(). */
export class FakeBooleanCondition {
  constructor(
    readonly condition: ConditionSpec,
    readonly style: ConditionStyle,
  ) {}
  getCriteriaType(): BooleanCriteriaName {
    return this.condition.criteria;
  }
  getCriteriaValues(): unknown[] {
    return [...this.condition.values];
  }
  getBackground(): string | null {
    return this.style.background;
  }
  getFontColor(): string | null {
    return this.style.fontColor;
  }
  getBold(): boolean | null {
    return this.style.bold;
  }
  getItalic(): boolean | null {
    return this.style.italic;
  }
  getUnderline(): boolean | null {
    return this.style.underline;
  }
  getStrikethrough(): boolean | null {
    return this.style.strikethrough;
  }
}

/** An immutable conditional-format rule; `refs` are its ranges at the time it was read. */
export class FakeConditionalFormatRule {
  constructor(
    readonly condition: ConditionSpec,
    readonly style: ConditionStyle,
    readonly refs: readonly RangeRef[],
  ) {}

  getRanges(): FakeRange[] {
    return this.refs.map((ref) => new FakeRange(ref.sheet, ref.rect));
  }
  getBooleanCondition(): FakeBooleanCondition {
    return new FakeBooleanCondition(this.condition, this.style);
  }
  getGradientCondition(): null {
    return null;
  }
  copy(): FakeConditionalFormatRuleBuilder {
    return new FakeConditionalFormatRuleBuilder(this);
  }
}

/** SpreadsheetApp.newConditionalFormatRule(). */
export class FakeConditionalFormatRuleBuilder {
  #condition: ConditionSpec | undefined;
  #style: ConditionStyle;
  #refs: RangeRef[];

  constructor(from?: FakeConditionalFormatRule) {
    this.#condition = from ? { ...from.condition, values: [...from.condition.values] } : undefined;
    this.#style = from ? { ...from.style } : emptyStyle();
    this.#refs = from ? [...from.refs] : [];
  }

  #when(criteria: BooleanCriteriaName, values: unknown[]): this {
    this.#condition = { criteria, values };
    return this;
  }

  whenFormulaSatisfied(formula: string): this {
    return this.#when('CUSTOM_FORMULA', [formula]);
  }
  whenCellEmpty(): this {
    return this.#when('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): this {
    return this.#when('CELL_NOT_EMPTY', []);
  }
  whenNumberBetween(start: number, end: number): this {
    return this.#when('NUMBER_BETWEEN', [start, end]);
  }
  whenNumberNotBetween(start: number, end: number): this {
    return this.#when('NUMBER_NOT_BETWEEN', [start, end]);
  }
  whenNumberEqualTo(n: number): this {
    return this.#when('NUMBER_EQUAL_TO', [n]);
  }
  whenNumberNotEqualTo(n: number): this {
    return this.#when('NUMBER_NOT_EQUAL_TO', [n]);
  }
  whenNumberGreaterThan(n: number): this {
    return this.#when('NUMBER_GREATER_THAN', [n]);
  }
  whenNumberGreaterThanOrEqualTo(n: number): this {
    return this.#when('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]);
  }
  whenNumberLessThan(n: number): this {
    return this.#when('NUMBER_LESS_THAN', [n]);
  }
  whenNumberLessThanOrEqualTo(n: number): this {
    return this.#when('NUMBER_LESS_THAN_OR_EQUAL_TO', [n]);
  }
  whenTextContains(text: string): this {
    return this.#when('TEXT_CONTAINS', [text]);
  }
  whenTextDoesNotContain(text: string): this {
    return this.#when('TEXT_DOES_NOT_CONTAIN', [text]);
  }
  whenTextEqualTo(text: string): this {
    return this.#when('TEXT_EQUAL_TO', [text]);
  }
  whenTextStartsWith(text: string): this {
    return this.#when('TEXT_STARTS_WITH', [text]);
  }
  whenTextEndsWith(text: string): this {
    return this.#when('TEXT_ENDS_WITH', [text]);
  }
  withCriteria(criteria: BooleanCriteriaName, args: unknown[]): this {
    return this.#when(criteria, [...args]);
  }
  setBackground(color: string | null): this {
    this.#style.background = color === null ? null : normalizeColor(color);
    return this;
  }
  setFontColor(color: string | null): this {
    this.#style.fontColor = color === null ? null : normalizeColor(color);
    return this;
  }
  setBold(bold: boolean | null): this {
    this.#style.bold = bold;
    return this;
  }
  setItalic(italic: boolean | null): this {
    this.#style.italic = italic;
    return this;
  }
  setUnderline(underline: boolean | null): this {
    this.#style.underline = underline;
    return this;
  }
  setStrikethrough(strikethrough: boolean | null): this {
    this.#style.strikethrough = strikethrough;
    return this;
  }
  setRanges(ranges: FakeRange[]): this {
    if (!Array.isArray(ranges)) throw exception('setRanges expects an array of ranges.');
    this.#refs = ranges.map(refOf);
    return this;
  }
  getRanges(): FakeRange[] {
    return this.#refs.map((ref) => new FakeRange(ref.sheet, ref.rect));
  }
  getBooleanCondition(): FakeBooleanCondition | null {
    return this.#condition ? new FakeBooleanCondition(this.#condition, { ...this.#style }) : null;
  }
  copy(): FakeConditionalFormatRuleBuilder {
    return new FakeConditionalFormatRuleBuilder(this.build());
  }
  build(): FakeConditionalFormatRule {
    if (!this.#condition) throw exception('Conditional format rule must have a condition.');
    return new FakeConditionalFormatRule({ ...this.#condition }, { ...this.#style }, [...this.#refs]);
  }
}
