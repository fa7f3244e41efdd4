import { SandboxMode, XFrameOptionsMode } from './enums.ts';
import { exception } from './errors.ts';
import type { FakeContext } from './context.ts';

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export interface MetaTag {
  getName(): string;
  getContent(): string;
}

/** HtmlOutput: content plus the presentation settings a dialog/sidebar would use. */
export class FakeHtmlOutput {
  #content: string;
  #title = '';
  #width: number | undefined;
  #height: number | undefined;
  #faviconUrl: string | undefined;
  sandboxMode: string = SandboxMode.IFRAME;
  xFrameOptionsMode: string = XFrameOptionsMode.DEFAULT;
  readonly metaTags: MetaTag[] = [];

  constructor(content = '') {
    this.#content = content;
  }

  getContent(): string {
    return this.#content;
  }
  setContent(content: string): this {
    this.#content = content;
    return this;
  }
  append(addedContent: string): this {
    this.#content += addedContent;
    return this;
  }
  appendUntrusted(addedContent: string): this {
    this.#content += escapeHtml(addedContent);
    return this;
  }
  clear(): this {
    this.#content = '';
    return this;
  }
  getTitle(): string {
    return this.#title;
  }
  setTitle(title: string): this {
    this.#title = title;
    return this;
  }
  getWidth(): number | undefined {
    return this.#width;
  }
  setWidth(width: number): this {
    this.#width = width;
    return this;
  }
  getHeight(): number | undefined {
    return this.#height;
  }
  setHeight(height: number): this {
    this.#height = height;
    return this;
  }
  setSandboxMode(mode: string): this {
    this.sandboxMode = mode;
    return this;
  }
  setXFrameOptionsMode(mode: string): this {
    this.xFrameOptionsMode = mode;
    return this;
  }
  addMetaTag(name: string, content: string): this {
    this.metaTags.push({ getName: () => name, getContent: () => content });
    return this;
  }
  getMetaTags(): MetaTag[] {
    return [...this.metaTags];
  }
  setFaviconUrl(url: string): this {
    this.#faviconUrl = url;
    return this;
  }
  getFaviconUrl(): string | undefined {
    return this.#faviconUrl;
  }
}

/**
 * HtmlTemplate with Apps Script scriptlets: <? code ?>, <?= escaped ?>, <?!= raw ?>.
 * Properties assigned on the template are variables; free names resolve against the
 * fake's template scope (globalThis, or the vm context from createVmContext).
 */
export class FakeHtmlTemplate {
  [variable: string]: unknown;

  constructor(source: string, ctx: FakeContext) {
    Object.defineProperty(this, '__source', { value: source, enumerable: false });
    Object.defineProperty(this, '__ctx', { value: ctx, enumerable: false });
  }

  getRawContent(): string {
    return this.__source as string;
  }

  getCode(): string {
    return compileTemplate(this.__source as string);
  }

  evaluate(): FakeHtmlOutput {
    const ctx = this.__ctx as FakeContext;
    const data: Record<string, unknown> = {};
    for (const key of Object.keys(this)) data[key] = this[key];
    // Scriptlets are sloppy-mode JS with free variables, hence Function + with.
    const run = new Function('__scope', '__data', '__esc', compileTemplate(this.__source as string)) as (
      scope: object,
      data: object,
      esc: (v: unknown) => string,
    ) => string;
    const html = run(ctx.templateScope, data, (v) => escapeHtml(v === undefined || v === null ? '' : String(v)));
    return new FakeHtmlOutput(html);
  }
}

function compileTemplate(source: string): string {
  let body = 'var __out = [];\nwith (__scope) { with (__data) {\n';
  const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let last = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    body += `__out.push(${JSON.stringify(source.slice(last, m.index))});\n`;
    const code = m[2] ?? '';
    if (m[1] === '=') body += `__out.push(__esc(${code}));\n`;
    else if (m[1] === '!=') body += `__out.push(String((${code}) ?? ''));\n`;
    else body += `${code}\n`;
    last = re.lastIndex;
  }
  body += `__out.push(${JSON.stringify(source.slice(last))});\n} }\nreturn __out.join('');`;
  return body;
}

/** HtmlService; files come from the fake's `htmlFiles` option (name with or without '.html'). */
export class FakeHtmlService {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  constructor(
    readonly files: Readonly<Record<string, string>>,
    readonly ctx: FakeContext,
  ) {}

  #file(name: string): string {
    const content = this.files[name] ?? this.files[`${name}.html`] ?? this.files[name.replace(/\.html$/, '')];
    if (content === undefined) throw exception(`No HTML file named ${name} was found.`);
    return content;
  }

  createHtmlOutput(html?: string | FakeHtmlTemplate): FakeHtmlOutput {
    if (html instanceof FakeHtmlTemplate) return html.evaluate();
    return new FakeHtmlOutput(html ?? '');
  }
  createHtmlOutputFromFile(filename: string): FakeHtmlOutput {
    return new FakeHtmlOutput(this.#file(filename));
  }
  createTemplate(html: string): FakeHtmlTemplate {
    return new FakeHtmlTemplate(html, this.ctx);
  }
  createTemplateFromFile(filename: string): FakeHtmlTemplate {
    return new FakeHtmlTemplate(this.#file(filename), this.ctx);
  }
  getUserAgent(): string {
    return 'Mozilla/5.0 (fake Apps Script)';
  }
}
