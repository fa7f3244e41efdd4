// Which tabs of a team workbook are read, by one rule for every reader (the add-on, the folder
// reader, the Google reader): every OKR tab (one per period), the Check-ins tab and the People tab.

/** A tab whose name says OKR is an OKR table (`OKRs`, `OKRs (2)`, `2026 Q4 OKRs`). */
export const OKR_TAB = /okr/i;
/** The check-ins log (`Check-ins`, `checkin log`, `Weekly checkins`). */
export const CHECKINS_TAB = /check.?ins?/i;
/** The optional owner → e-mail tab (weekly reminders). */
export const PEOPLE_TAB = /^\s*(people|e-?mails?)\s*$/i;
/** OKR tabs read per workbook at most: a workbook with more keeps its first ones and is warned about. */
export const MAX_OKR_TABS = 12;

export interface WorkbookTabs {
  /** Every OKR tab in workbook order (at most `max`); empty only when no other tab exists. */
  okr: string[];
  checkins: string | null;
  people: string | null;
  /** OKR tabs beyond the cap, not read. */
  skipped: string[];
}

/**
 * The check-ins tab is the first whose name says check-in, the People tab the first named People
 * or E-mails; of the other tabs, every one whose name says OKR is an OKR tab, and when none does,
 * the first of them is (a workbook with one renamed tab still reads).
 */
export function pickTabs(names: readonly string[], max = MAX_OKR_TABS): WorkbookTabs {
  const checkins = names.find((n) => CHECKINS_TAB.test(n)) ?? null;
  const people = names.find((n) => PEOPLE_TAB.test(n)) ?? null;
  const others = names.filter((n) => n !== checkins && n !== people);
  const named = others.filter((n) => OKR_TAB.test(n));
  const okr = named.length > 0 ? named : others.slice(0, 1);
  return { okr: okr.slice(0, max), checkins, people, skipped: okr.slice(max) };
}

/** What a reader tells the team about OKR tabs left unread (the cap), naming the file. */
export function skippedTabsMessage(fileName: string, skipped: readonly string[], max = MAX_OKR_TABS): string {
  const list = skipped.map((t) => `"${t}"`).join(', ');
  return `${fileName} has more than ${max} OKR tabs; only the first ${max} are read, ${skipped.length} left out: ${list}`;
}
