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
  ['Close the quarter…', 'openClosingSidebar'],
  ['Start next quarter…', 'openNextQuarterSidebar'],
  ['List owners for reminders', 'listOwnersForReminders'],
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

/** What the one Sidebar.html shows (sidebar/view.ts reads it). */
export type SidebarView = 'checkin' | 'close' | 'next';
export const SIDEBAR_TITLES: Readonly<Record<SidebarView, string>> = {
  checkin: SIDEBAR_TITLE,
  close: 'Close the quarter',
  next: 'Start next quarter',
};
export const VIEW_ELEMENT_ID = 'okr-view';

export function openScoringSidebar(): void {
  showSidebar('checkin');
}

export function openClosingSidebar(): void {
  showSidebar('close');
}

export function openNextQuarterSidebar(): void {
  showSidebar('next');
}

/**
 * One HTML file serves every view: an element appended after the bundle names the view. It is
 * parsed before DOMContentLoaded, when the sidebar renders (HtmlOutput.append:
 * https://developers.google.com/apps-script/reference/html/html-output#appendaddedcontent).
 */
function showSidebar(view: SidebarView): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(SIDEBAR_TITLES[view]);
  if (view !== 'checkin') html.append(`<div id="${VIEW_ELEMENT_ID}" data-view="${view}" hidden></div>`);
  SpreadsheetApp.getUi().showSidebar(html);
}
