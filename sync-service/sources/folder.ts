// The embedded default source: a folder of .xlsx / .csv workbooks, one team each. Change detection
// is by modification time and size, so an unchanged file is never opened again. A CSV team's
// check-ins come from its companion `<name>.checkins.csv`.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ListResult, Source, SourceEntry } from './types.ts';
import { checkinsCsvOwner, isWorkbookFile, readWorkbookFile, teamFromFileName, type WorkbookGrids } from './workbook.ts';

const PREFIX = 'file:';

async function version(file: string): Promise<{ version: string; mtime: Date } | null> {
  try {
    const s = await stat(file, { bigint: true });
    return { version: `${s.mtimeNs}:${s.size}`, mtime: new Date(Number(s.mtimeMs)) };
  } catch {
    return null; // deleted between readdir and stat: it is simply gone
  }
}

export function folderSource(folder: string): Source {
  const root = path.resolve(folder);
  /** OKR CSV name → its check-ins CSV, from the latest listing. */
  let companions = new Map<string, string>();
  return {
    kind: 'folder',
    ref: { id: `folder:${root}`, kind: 'folder', name: root },
    owns: (sourceId) => sourceId.startsWith(PREFIX),
    readsPeople: true,
    async list(): Promise<ListResult> {
      const dirents = await readdir(root, { withFileTypes: true });
      const names = dirents.filter((d) => d.isFile() && isWorkbookFile(d.name)).map((d) => d.name);
      names.sort((a, b) => a.localeCompare(b));
      const present = new Set(names);
      companions = new Map();
      for (const name of names) {
        const owner = checkinsCsvOwner(name);
        if (owner && present.has(owner)) companions.set(owner, name);
      }
      const entries: SourceEntry[] = [];
      for (const name of names) {
        // A check-ins CSV is read with its team's CSV (and one without a team is not an OKR table).
        if (checkinsCsvOwner(name)) continue;
        const main = await version(path.join(root, name));
        if (!main) continue;
        const companion = companions.get(name);
        const extra = companion ? await version(path.join(root, companion)) : null;
        const latest = extra && extra.mtime > main.mtime ? extra.mtime : main.mtime;
        entries.push({
          sourceId: `${PREFIX}${name}`,
          name: companion ? `${name} + ${companion}` : name,
          kind: path.extname(name).toLowerCase() === '.csv' ? 'csv' : 'xlsx',
          fallbackTeam: teamFromFileName(name),
          version: extra ? `${main.version}|${extra.version}` : main.version,
          lastModified: latest.toISOString(),
        });
      }
      return { entries };
    },
    read(entry: SourceEntry): Promise<WorkbookGrids> {
      const name = entry.sourceId.slice(PREFIX.length);
      const companion = companions.get(name);
      return readWorkbookFile(path.join(root, name), companion ? path.join(root, companion) : null);
    },
    requestCount: () => 0,
  };
}
