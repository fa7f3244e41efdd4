// A one-off roll-up of a folder, without a database (`okr rollup <folder>`): read every workbook,
// parse, roll up each period. An unreadable file is a problem, not a failure.
import { problem } from '../../shared/problems.ts';
import type { Period, Problem, RollupMode } from '../../shared/schemas.ts';
import { folderSource } from '../sources/folder.ts';
import { canonical, fileProblems, parseWorkbook, type TeamParse } from '../sources/parse.ts';
import { mapLimit } from './limit.ts';
import { type PeriodRollup, rollUpPeriods } from './periods.ts';
import { errorMessage, NoTeamSheetsError, statusMoment } from './sync.ts';

export interface RollupFolderOptions {
  company?: { name?: string | undefined; mission?: string | undefined; source?: string | undefined };
  mode?: RollupMode;
  period?: Period | null | undefined;
  /** Default now; judged as of the start of its UTC day unless asOfPrecision is 'exact' (as the sync does). */
  asOf?: Date;
  asOfPrecision?: 'day' | 'exact';
}

/** Every period's roll-up of the folder (engine/periods.ts). */
export async function rollupFolder(folder: string, opts: RollupFolderOptions = {}): Promise<PeriodRollup> {
  const source = folderSource(folder);
  const { entries } = await source.list(new Map());
  if (entries.length === 0) throw new NoTeamSheetsError([source], []);
  const extra: Problem[] = [];
  const parsed = await mapLimit(entries, 4, async (entry) => {
    try {
      return { entry, parse: canonical(parseWorkbook(await source.read(entry), entry.fallbackTeam, entry.name)) };
    } catch (err) {
      extra.push(
        problem({ team: entry.fallbackTeam, tab: entry.name }, 'error', 'source-unreadable', `Could not read ${entry.name}: ${errorMessage(err)}`, {
          value: entry.name,
        }),
      );
      return null;
    }
  });
  const ok = parsed.filter((p): p is { entry: (typeof entries)[number]; parse: TeamParse } => p !== null);
  ok.sort((a, b) => a.parse.table.team.localeCompare(b.parse.table.team) || a.entry.name.localeCompare(b.entry.name));
  return rollUpPeriods(
    ok.map((p) => ({ sourceId: p.entry.sourceId, name: p.entry.name, parse: p.parse })),
    {
      mode: opts.mode ?? 'both',
      asOf: statusMoment(opts.asOf ?? new Date(), opts.asOfPrecision),
      configured: opts.period,
      mission: opts.company?.mission,
      companySource: opts.company?.source,
      document: {
        company: opts.company ?? {},
        teamSources: new Map(ok.map((p) => [p.parse.table.team, p.entry.name])),
        extraProblems: [...ok.flatMap((p) => fileProblems(p.parse)), ...extra],
      },
    },
  );
}
