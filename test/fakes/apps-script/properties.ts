import { type FakeContext, instrument } from './context.ts';
import { exception } from './errors.ts';

/** Apps Script's property quotas: 9 KB per value, 500 KB per store. */
const MAX_VALUE_BYTES = 9 * 1024;
const MAX_STORE_BYTES = 500 * 1024;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** A property store (document, user or script): strings only, like the real one. */
export class FakeProperties {
  constructor(
    readonly ctx: FakeContext,
    readonly store: Map<string, string>,
  ) {}

  #put(key: string, value: unknown): void {
    const text = String(value);
    if (bytes(text) > MAX_VALUE_BYTES) throw exception('Argument too large: value');
    let total = bytes(String(key)) + bytes(text);
    for (const [k, v] of this.store) if (k !== String(key)) total += bytes(k) + bytes(v);
    if (total > MAX_STORE_BYTES) throw exception('You have exceeded the property storage quota. Please remove some properties and try again.');
    this.store.set(String(key), text);
  }

  getProperty(key: string): string | null {
    return this.store.get(String(key)) ?? null;
  }
  setProperty(key: string, value: unknown): this {
    this.#put(key, value);
    return this;
  }
  deleteProperty(key: string): this {
    this.store.delete(String(key));
    return this;
  }
  getProperties(): Record<string, string> {
    return Object.fromEntries(this.store);
  }
  getKeys(): string[] {
    return [...this.store.keys()];
  }
  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): this {
    if (deleteAllOthers) this.store.clear();
    for (const [k, v] of Object.entries(properties)) this.#put(k, v);
    return this;
  }
  deleteAllProperties(): this {
    this.store.clear();
    return this;
  }
}

export interface PropertyStores {
  document: Map<string, string>;
  user: Map<string, string>;
  script: Map<string, string>;
}

/** PropertiesService: every call is refused in AuthMode.NONE. */
export class FakePropertiesService {
  constructor(
    readonly ctx: FakeContext,
    readonly stores: PropertyStores,
  ) {}

  getDocumentProperties(): FakeProperties {
    return new FakeProperties(this.ctx, this.stores.document);
  }
  getUserProperties(): FakeProperties {
    return new FakeProperties(this.ctx, this.stores.user);
  }
  getScriptProperties(): FakeProperties {
    return new FakeProperties(this.ctx, this.stores.script);
  }
}

instrument(FakeProperties, { className: 'Properties', denyInNone: 'all', scope: null });
instrument(FakePropertiesService, { className: 'PropertiesService', denyInNone: 'all', scope: null });
