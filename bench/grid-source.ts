// A sync source over grids held in memory (the synthetic company), for benchmarks that need a
// large company stored without the cost of writing and reading thousands of workbook files.
import type { Source, SourceEntry } from '../sync-service/sources/types.ts';
import type { WorkbookGrids } from '../sync-service/sources/workbook.ts';
import type { SyntheticSheet } from './synthetic.ts';

export function gridSource(sheets: readonly SyntheticSheet[]): Source {
  const byId = new Map(sheets.map((s, i) => [`grid:${i}`, s]));
  return {
    kind: 'folder',
    ref: { id: 'grid', kind: 'folder', name: 'synthetic grids' },
    owns: (id) => byId.has(id),
    list: async () => ({
      entries: [...byId].map(
        ([sourceId, s]): SourceEntry => ({ sourceId, name: s.title, kind: 'csv', fallbackTeam: s.team, version: '1', lastModified: null }),
      ),
    }),
    read: async (entry): Promise<WorkbookGrids> => {
      const s = byId.get(entry.sourceId);
      if (!s) throw new Error(`no sheet ${entry.sourceId}`);
      return { okr: [{ tab: 'OKRs', grid: s.okr, text: true }], checkins: s.checkins ? { tab: 'Check-ins', grid: s.checkins, text: true } : null };
    },
    requestCount: () => 0,
  };
}
