/// <reference types="google-apps-script" />
// The add-on menu. onOpen may run in AuthMode.NONE (before the add-on is authorized in this
// document), where only the menu may be built: no sheet data, no properties.
import type { OpenEvent } from './gas.ts';

/** Caption → the top-level function the menu item runs (build.ts generates those functions). */
export const MENU_ITEMS: readonly (readonly [caption: string, functionName: string] | null)[] = [
  ['Insert team OKRs', 'insertTeamOkrs'],
  ['Insert company OKRs', 'insertCompanyOkrs'],
  null,
  ['Score key results…', 'openScoringSidebar'],
  ['Check OKR quality', 'checkOkrQuality'],
  ['Repair formulas', 'repairFormulas'],
  null,
  ['OKR guide', 'openOkrGuide'],
  ['Settings…', 'openSettings'],
];

export const SIDEBAR_TITLE = 'OKR check-in';

export function onOpen(_e?: OpenEvent): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU_ITEMS) {
    if (item) menu.addItem(item[0], item[1]);
    else menu.addSeparator();
  }
  menu.addToUi();
}

export function onInstall(e?: OpenEvent): void {
  onOpen(e);
}

export function openScoringSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(SIDEBAR_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}
