// Which sheet is the company's. A sheet claims it with a `Mission:` line (or `Level: company`), and
// the company sheet's objectives are the roots everything rolls up to, its name and mission the
// company's — so claiming must not be open to every team. The rule:
//   - `company.source` in the config names the company sheet (a file name, or a spreadsheet id):
//     that sheet is the company, whatever it says, and no other sheet is;
//   - without it, the company sheet is the one sheet that claims it; when several do, the one that
//     the most objectives of other sheets align to (a team cannot make the company's teams align to
//     its sheet); when that is a tie, none is taken until the config names one.
// Every other claimant is read as an ordinary team, with an error naming both files.
import { problem } from '../../shared/problems.ts';
import type { ParsedTable, Problem } from '../../shared/schemas.ts';

export interface Claimant {
  sourceId: string;
  /** The file name or spreadsheet title, for people. */
  name: string;
  table: ParsedTable;
}

/** Whether `configured` (a file name or spreadsheet id) names this source id (`file:<name>`, `sheet:<id>`). */
export function namesSource(configured: string, sourceId: string, name: string): boolean {
  return sourceId.slice(sourceId.indexOf(':') + 1) === configured || name === configured;
}

/** The tables with `isCompany` decided by the rule above, and a problem for each rejected claim. */
export function decideCompany<T extends Claimant>(teams: readonly T[], configured?: string | undefined): { tables: ParsedTable[]; problems: Problem[] } {
  const chosen = configured === undefined ? soleClaimant(teams) : teams.find((t) => namesSource(configured, t.sourceId, t.name));
  const claimants = teams.filter((t) => t.table.isCompany);
  const problems: Problem[] = [];
  if (configured !== undefined && !chosen) {
    const where = claimants[0]?.table ?? teams[0]?.table;
    problems.push(
      problem(
        { team: where?.team ?? 'Company', tab: where?.tab ?? configured },
        'error',
        'company-sheet-missing',
        `company.source names "${configured}", which is not among the sheets read: there are no company objectives to roll up to`,
        { value: configured },
      ),
    );
  }
  for (const t of claimants) {
    if (t === chosen) continue;
    const others = claimants.filter((c) => c !== t).map((c) => c.name);
    const message = chosen
      ? `${t.name} claims to be the company sheet (a Mission: or Level: company line), but the company sheet is ${chosen.name}` +
        `${configured !== undefined ? ' (company.source in the config)' : ' (the claimant most objectives align to; company.source in the config decides)'}` +
        `: its objectives are read as team ${t.table.team}'s`
      : `${t.name} and ${others.join(', ')} all claim to be the company sheet (a Mission: or Level: company line) and as many ` +
        'objectives align to each: none is taken until company.source in the config names one';
    problems.push(problem({ team: t.table.team, tab: t.table.tab }, 'error', 'company-claim', message, { value: t.name }));
  }
  const tables = teams.map((t) => {
    const isCompany = t === chosen;
    return t.table.isCompany === isCompany ? t.table : { ...t.table, isCompany };
  });
  return { tables, problems };
}

function soleClaimant<T extends Claimant>(teams: readonly T[]): T | undefined {
  const claimants = teams.filter((t) => t.table.isCompany);
  if (claimants.length <= 1) return claimants[0];
  const ranked = claimants.map((c) => ({ c, n: alignedFromOthers(c, teams) })).sort((a, b) => b.n - a.n);
  return ranked[0]!.n > ranked[1]!.n ? ranked[0]!.c : undefined;
}

/** Objectives of other sheets whose Aligns To names one of this sheet's objective ids. */
function alignedFromOthers(claimant: Claimant, teams: readonly Claimant[]): number {
  const ids = new Set(claimant.table.objectives.map((o) => o.id));
  let n = 0;
  for (const t of teams) {
    if (t === claimant) continue;
    for (const o of t.table.objectives) if (o.alignsTo.some((id) => ids.has(id))) n++;
  }
  return n;
}
