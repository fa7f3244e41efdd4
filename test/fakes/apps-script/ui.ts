import { Button, type ButtonName, ButtonSet, type ButtonSetName } from './enums.ts';
import { exception } from './errors.ts';
import type { FakeHtmlOutput } from './html.ts';

export type MenuEntry =
  | { type: 'item'; caption: string; functionName: string }
  | { type: 'separator' }
  | { type: 'submenu'; caption: string; entries: MenuEntry[] };

export interface RecordedMenu {
  /** 'addon' for createAddonMenu(), 'menu' for createMenu(caption). */
  kind: 'addon' | 'menu';
  caption: string;
  entries: MenuEntry[];
}

export interface MenuItem {
  /** Captions from the top menu down to the item. */
  path: string[];
  caption: string;
  functionName: string;
}

export interface ShownDialog {
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  html: string;
  width: number | undefined;
  height: number | undefined;
  output: FakeHtmlOutput;
}

export interface DialogCall {
  title: string | null;
  prompt: string;
  buttons: ButtonSetName;
}

const BUTTONS_OF: Record<ButtonSetName, ButtonName[]> = {
  OK: ['OK', 'CLOSE'],
  OK_CANCEL: ['OK', 'CANCEL', 'CLOSE'],
  YES_NO: ['YES', 'NO', 'CLOSE'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL', 'CLOSE'],
};

/** Menu built by Ui.createMenu/createAddonMenu; addToUi records it. */
export class FakeMenu {
  readonly entries: MenuEntry[] = [];
  constructor(
    readonly ui: FakeUi,
    readonly kind: 'addon' | 'menu',
    readonly caption: string,
  ) {}

  addItem(caption: string, functionName: string): this {
    if (typeof caption !== 'string' || typeof functionName !== 'string' || functionName === '') {
      throw new TypeError(`Menu.addItem expects (caption: string, functionName: string), got (${typeof caption}, ${typeof functionName})`);
    }
    this.entries.push({ type: 'item', caption, functionName });
    return this;
  }
  addSeparator(): this {
    this.entries.push({ type: 'separator' });
    return this;
  }
  addSubMenu(menu: FakeMenu): this {
    this.entries.push({ type: 'submenu', caption: menu.caption, entries: menu.entries });
    return this;
  }
  addToUi(): void {
    this.ui.recordMenu({ kind: this.kind, caption: this.caption, entries: structuredClone(this.entries) });
  }
}

/** Ui.prompt's answer. */
export class FakePromptResponse {
  constructor(
    readonly text: string,
    readonly button: ButtonName,
  ) {}
  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): ButtonName {
    return this.button;
  }
}

interface HtmlLike {
  getContent(): string;
  getTitle(): string;
  getWidth(): number | undefined;
  getHeight(): number | undefined;
}

/**
 * SpreadsheetApp.getUi(). Records menus, dialogs and alerts; alert/prompt answers come from
 * queues the test fills (an unqueued alert answers its first button, an unqueued prompt throws).
 */
export class FakeUi {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  readonly menus: RecordedMenu[] = [];
  readonly dialogs: ShownDialog[] = [];
  readonly alerts: DialogCall[] = [];
  readonly prompts: DialogCall[] = [];
  readonly #alertAnswers: ButtonName[] = [];
  readonly #promptAnswers: FakePromptResponse[] = [];

  constructor(readonly addonName: string) {}

  createMenu(caption: string): FakeMenu {
    return new FakeMenu(this, 'menu', caption);
  }
  createAddonMenu(): FakeMenu {
    return new FakeMenu(this, 'addon', this.addonName);
  }

  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons) */
  alert(a: string, b?: string, c?: string): ButtonName {
    const call = dialogCall(a, b, c);
    this.alerts.push(call);
    const answer = this.#alertAnswers.shift() ?? (BUTTONS_OF[call.buttons][0] as ButtonName);
    assertAnswer(answer, call, 'alert');
    return answer;
  }

  /** prompt(prompt) | prompt(prompt, buttons) | prompt(title, prompt, buttons) */
  prompt(a: string, b?: string, c?: string): FakePromptResponse {
    const call = dialogCall(a, b, c);
    this.prompts.push(call);
    const answer = this.#promptAnswers.shift();
    if (!answer) throw new Error(`Ui.prompt(${JSON.stringify(call.prompt)}) was called but no answer was queued (fake.ui.queuePrompt).`);
    assertAnswer(answer.button, call, 'prompt');
    return answer;
  }

  showSidebar(userInterface: HtmlLike): void {
    this.#show('sidebar', userInterface, userInterface.getTitle());
  }
  showModalDialog(userInterface: HtmlLike, title: string): void {
    this.#show('modal', userInterface, title);
  }
  showModelessDialog(userInterface: HtmlLike, title: string): void {
    this.#show('modeless', userInterface, title);
  }

  #show(kind: ShownDialog['kind'], output: HtmlLike, title: string): void {
    this.dialogs.push({ kind, title, html: output.getContent(), width: output.getWidth(), height: output.getHeight(), output: output as FakeHtmlOutput });
  }

  // ---------------------------------------------------------------- test side

  /** Answers for the next alert() calls, in order. */
  queueAlert(...buttons: ButtonName[]): void {
    this.#alertAnswers.push(...buttons);
  }

  /** Answer for the next prompt() call. */
  queuePrompt(text: string, button: ButtonName = 'OK'): void {
    this.#promptAnswers.push(new FakePromptResponse(text, button));
  }

  recordMenu(menu: RecordedMenu): void {
    // Re-running onOpen rebuilds the same menu rather than adding a second one.
    const at = this.menus.findIndex((m) => m.kind === menu.kind && m.caption === menu.caption);
    if (at === -1) this.menus.push(menu);
    else this.menus[at] = menu;
  }

  /** Every clickable item of every recorded menu, flattened. */
  menuItems(): MenuItem[] {
    const out: MenuItem[] = [];
    const walk = (entries: MenuEntry[], path: string[]) => {
      for (const e of entries) {
        if (e.type === 'item') out.push({ path: [...path, e.caption], caption: e.caption, functionName: e.functionName });
        else if (e.type === 'submenu') walk(e.entries, [...path, e.caption]);
      }
    };
    for (const m of this.menus) walk(m.entries, [m.caption]);
    return out;
  }

  /** Menu function names that `scope` (globalThis or a vm context) does not define as functions. */
  missingMenuHandlers(scope: object): string[] {
    return this.menuItems()
      .map((i) => i.functionName)
      .filter((name) => typeof (scope as Record<string, unknown>)[name] !== 'function');
  }

  reset(): void {
    this.menus.length = 0;
    this.dialogs.length = 0;
    this.alerts.length = 0;
    this.prompts.length = 0;
    this.#alertAnswers.length = 0;
    this.#promptAnswers.length = 0;
  }
}

function dialogCall(a: string, b?: string, c?: string): DialogCall {
  const call: DialogCall =
    c !== undefined ? { title: a, prompt: String(b), buttons: c as ButtonSetName } : { title: null, prompt: a, buttons: (b ?? 'OK') as ButtonSetName };
  if (!(call.buttons in BUTTONS_OF)) {
    const types = [a, b, c].filter((x) => x !== undefined).map((x) => (typeof x === 'string' ? 'String' : 'Object'));
    throw exception(`The parameters (${types.join(',')}) don't match the method signature for Ui.alert/prompt (the last argument must be a ButtonSet).`);
  }
  return call;
}

function assertAnswer(answer: ButtonName, call: DialogCall, kind: string): void {
  const allowed = BUTTONS_OF[call.buttons];
  if (!allowed.includes(answer)) throw new Error(`Ui.${kind}: queued answer ${answer} is not a button of ButtonSet.${call.buttons}`);
}
