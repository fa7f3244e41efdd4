// A one-off roll-up of a folder, without a database (`okr rollup <folder>`): read every workbook,
// parse, roll up. An unreadable file is a problem, not a failure.
import { problem } from '../../shared/problems.ts';
import { rollup } from '../../shared/rollup.ts';
import type { Period, Problem, RollupMode } from '../../shared/schemas.ts';
import { folderSource } from '../sources/folder.ts';
import { canonical, fileProblems, parseWorkbook, type TeamParse } from '../sources/parse.ts';
import { decideCompany } from './company-claim.ts';
import { type AlignmentDocument, buildAlignmentDocument } from './document.ts';
import { mapLimit } from './limit.ts';
import { errorMessage, NoTeamSheetsError, statusMoment } from './sync.ts';

export interface RollupFolderOptions {
  company?: { name?: string | undefined; mission?: string | undefined; source?: string | undefined };
  mode?: RollupMode;
  period?: Period | null | undefined;
  /** Default now; judged as of the start of its UTC day unless asOfPrecision is 'exact' (as the sync does). */
  asOf?: Date;
  asOfPrecision?: 'day' | 'exact';
}

export async function rollupFolder(folder: string, opts: RollupFolderOptions = {}): Promise<AlignmentDocument> {
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
  const company = decideCompany(
    ok.map((p) => ({ sourceId: p.entry.sourceId, name: p.entry.name, table: p.parse.table })),
    opts.company?.source,
  );
  const alignment = rollup(
    company.tables,
    {
      mode: opts.mode ?? 'both',
      asOf: statusMoment(opts.asOf ?? new Date(), opts.asOfPrecision),
      ...(opts.period ? { period: opts.period } : {}),
      ...(opts.company?.mission ? { mission: opts.company.mission } : {}),
    },
  );
  return buildAlignmentDocument(alignment, {
    company: opts.company ?? {},
    teamSources: new Map(ok.map((p) => [p.parse.table.team, p.entry.name])),
    extraProblems: [...ok.flatMap((p) => fileProblems(p.parse)), ...extra, ...company.problems],
  });
}
