// The embedded default source: a folder of .xlsx / .csv workbooks, one team each. Change detection
// is by modification time and size, so an unchanged file is never opened again. A CSV team's
// check-ins come from its companion `<name>.checkins.csv`.
//
// Nothing in the folder is skipped silently: a symbolic link is followed (and a broken one is its
// team's problem), a name that is not UTF-8 is read through its bytes and shown with U+FFFD, and a
// workbook name that is not a regular file (a folder, a pipe) is reported rather than opened.
import type { Dirent } from 'node:fs';
import { readdir, readlink, stat } from 'node:fs/promises';
import path from 'node:path';
import type { WorkbookGrids } from './grids.ts';
import type { WorkbookReader } from './read-pool.ts';
import type { ListResult, Source, SourceEntry } from './types.ts';
import { checkinsCsvOwner, isWorkbookFile, readWorkbookFile, teamFromFileName } from './workbook.ts';

const PREFIX = 'file:';

interface FolderFile {
  /** For people and for matching (U+FFFD where the name's bytes are not UTF-8). */
  name: string;
  /** What the file system needs: the name's own bytes when it is not UTF-8. */
  fsName: string | Buffer;
  /** Why it cannot be read, when the listing already knows. */
  error?: string;
}

async function version(file: string | Buffer): Promise<{ version: string; mtime: Date } | { error: string }> {
  try {
    const s = await stat(file, { bigint: true });
    if (!s.isFile()) return { error: s.isDirectory() ? 'it is a folder, not a workbook file' : 'it is not a regular file (a pipe or device)' };
    return { version: `${s.mtimeNs}:${s.size}`, mtime: new Date(Number(s.mtimeMs)) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      // A symbolic link whose target is gone, or a file deleted since the listing.
      const target = await readlink(file).catch(() => null);
      return { error: target === null ? 'it was deleted while being listed' : `it is a symbolic link to ${target}, which does not exist` };
    }
    return { error: `cannot open it (${code ?? String(err)})` };
  }
}

/** Why a folder cannot be listed, in words (the engine names the folder: the source's ref.name). */
function folderError(err: NodeJS.ErrnoException): string {
  if (err.code === 'ENOENT') return 'no such folder';
  if (err.code === 'ENOTDIR') return 'not a folder';
  return `cannot read it (${err.code ?? err.message})`;
}

/** The folder's entries, with names decoded for people and kept as bytes for the file system. */
async function listFolder(root: string): Promise<FolderFile[]> {
  const dirents = (await readdir(root, { withFileTypes: true, encoding: 'buffer' }).catch((err: NodeJS.ErrnoException) => {
    throw new Error(folderError(err), { cause: err });
  })) as unknown as Dirent<Buffer>[];
  const files: FolderFile[] = [];
  for (const d of dirents) {
    const raw = d.name as unknown as Buffer;
    const name = new TextDecoder().decode(raw);
    if (!isWorkbookFile(name)) continue;
    const utf8 = Buffer.from(name, 'utf8').equals(raw);
    const fsName: string | Buffer = utf8 ? path.join(root, name) : Buffer.concat([Buffer.from(`${root}${path.sep}`), raw]);
    // Regular files and links to them are read; anything else with a workbook's name is reported.
    files.push(d.isFile() || d.isSymbolicLink() ? { name, fsName } : { name, fsName, error: 'it is not a regular file' });
  }
  files.sort((a, b) => a.name.localeCompare(b.name));
  return files;
}

export interface FolderSourceOptions {
  /** The bounded reader (default: the process's shared one). */
  reader?: WorkbookReader;
}

export function folderSource(folder: string, options: FolderSourceOptions = {}): Source {
  const root = path.resolve(folder);
  /** OKR CSV name → its check-ins CSV, and every listed name → its file, from the latest listing. */
  let companions = new Map<string, FolderFile>();
  let files = new Map<string, FolderFile>();
  return {
    kind: 'folder',
    ref: { id: `folder:${root}`, kind: 'folder', name: root },
    owns: (sourceId) => sourceId.startsWith(PREFIX),
    readsPeople: true,
    async list(): Promise<ListResult> {
      const listed = await listFolder(root);
      files = new Map(listed.map((f) => [f.name, f]));
      companions = new Map();
      for (const f of listed) {
        const owner = checkinsCsvOwner(f.name);
        if (owner && files.has(owner)) companions.set(owner, f);
      }
      const entries: SourceEntry[] = [];
      for (const f of listed) {
        // A check-ins CSV is read with its team's CSV (and one without a team is not an OKR table).
        if (checkinsCsvOwner(f.name)) continue;
        const main = f.error ? { error: f.error } : await version(f.fsName);
        const companion = companions.get(f.name);
        const extra = companion ? await version(companion.fsName) : null;
        const base = {
          sourceId: `${PREFIX}${f.name}`,
          name: companion ? `${f.name} + ${companion.name}` : f.name,
          kind: path.extname(f.name).toLowerCase() === '.csv' ? ('csv' as const) : ('xlsx' as const),
          fallbackTeam: teamFromFileName(f.name),
        };
        if ('error' in main) {
          entries.push({ ...base, version: null, lastModified: null, error: main.error });
          continue;
        }
        const good = extra && 'version' in extra ? extra : null;
        const latest = good && good.mtime > main.mtime ? good.mtime : main.mtime;
        entries.push({
          ...base,
          version: good ? `${main.version}|${good.version}` : main.version,
          lastModified: latest.toISOString(),
        });
      }
      return { entries };
    },
    read(entry: SourceEntry): Promise<WorkbookGrids> {
      const name = entry.sourceId.slice(PREFIX.length);
      const file = files.get(name)?.fsName ?? path.join(root, name);
      const companion = companions.get(name)?.fsName ?? null;
      return readWorkbookFile(file, companion, options.reader);
    },
    requestCount: () => 0,
  };
}
