// Which tab of a workbook is the OKR table, which the check-ins and which the People tab.
const OKR_TAB = /okr/i;
const CHECKINS_TAB = /check.?ins?/i;
/** The optional owner → e-mail tab (shared with the Google reader). */
export const PEOPLE_TAB = /^\s*(people|e-?mails?)\s*$/i;

/** OKR tab: the first whose name says OKR, else the first that is not the check-ins or People tab. */
export function pickTabs(names: readonly string[]): { okr: string | null; checkins: string | null; people: string | null } {
  const checkins = names.find((n) => CHECKINS_TAB.test(n)) ?? null;
  const people = names.find((n) => PEOPLE_TAB.test(n)) ?? null;
  const okr = names.find((n) => OKR_TAB.test(n)) ?? names.find((n) => n !== checkins && n !== people) ?? null;
  return { okr, checkins: checkins === okr ? null : checkins, people: people === okr ? null : people };
}
