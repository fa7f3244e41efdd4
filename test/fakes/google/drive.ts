/** Drive v3 `files.list` / `files.get` over the fake's file table. */
import { parseDriveQuery } from './drive-query.ts';
import { ApiError } from './errors.ts';
import { applyFieldMask, parseFieldMask } from './fields.ts';

export const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet';
export const FOLDER_MIME = 'application/vnd.google-apps.folder';
/** A shortcut is a file of its own, pointing at its target by shortcutDetails.targetId (https://developers.google.com/drive/api/guides/shortcuts). */
export const SHORTCUT_MIME = 'application/vnd.google-apps.shortcut';

export interface DriveFile {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  trashed: boolean;
  createdTime: number;
  modifiedTime: number;
  version: number;
  shortcutDetails?: { targetId: string; targetMimeType: string };
}

export function fileResource(f: DriveFile): Record<string, unknown> {
  return {
    kind: 'drive#file',
    id: f.id,
    name: f.name,
    mimeType: f.mimeType,
    parents: [...f.parents],
    trashed: f.trashed,
    createdTime: new Date(f.createdTime).toISOString(),
    modifiedTime: new Date(f.modifiedTime).toISOString(),
    // int64 fields travel as strings in Google JSON.
    version: String(f.version),
    webViewLink: `https://docs.google.com/spreadsheets/d/${f.id}/edit?usp=drivesdk`,
    ...(f.shortcutDetails ? { shortcutDetails: { ...f.shortcutDetails } } : {}),
  };
}

const invalid = (location: string, message = 'Invalid Value') =>
  new ApiError(400, message, 'INVALID_ARGUMENT', {
    errors: [{ domain: 'global', reason: 'invalid', message, locationType: 'parameter', location }],
  });

export const fileNotFound = (id: string) =>
  new ApiError(404, `File not found: ${id}.`, 'NOT_FOUND', {
    errors: [{ domain: 'global', reason: 'notFound', message: `File not found: ${id}.`, locationType: 'parameter', location: 'fileId' }],
  });

function mask(fields: string | null, fallback: string) {
  try {
    return parseFieldMask(fields ?? fallback);
  } catch {
    throw invalid('fields', `Invalid field selection ${fields}`);
  }
}

const ORDER_KEYS: Record<string, (f: DriveFile) => number | string> = {
  modifiedTime: (f) => f.modifiedTime,
  createdTime: (f) => f.createdTime,
  name: (f) => f.name.toLowerCase(),
  name_natural: (f) => f.name.toLowerCase(),
};

function sorter(orderBy: string | null): ((a: DriveFile, b: DriveFile) => number) | undefined {
  if (!orderBy) return undefined;
  const keys = orderBy.split(',').map((part) => {
    const [field = '', dir] = part.trim().split(/\s+/);
    const key = ORDER_KEYS[field];
    if (!key) throw invalid('orderBy', `Invalid Value: orderBy ${field}`);
    return { key, sign: dir === 'desc' ? -1 : 1 };
  });
  return (a, b) => {
    for (const { key, sign } of keys) {
      const x = key(a);
      const y = key(b);
      if (x !== y) return x < y ? -sign : sign;
    }
    return 0;
  };
}

/** Page tokens are opaque: an offset bound to the query it came from. */
const encodeToken = (offset: number, q: string) => Buffer.from(JSON.stringify({ o: offset, q })).toString('base64url');
function decodeToken(token: string, q: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; q?: unknown };
    if (typeof parsed.o === 'number' && parsed.q === q) return parsed.o;
  } catch {
    // fall through
  }
  throw invalid('pageToken');
}

export function listFiles(files: Iterable<DriveFile>, params: URLSearchParams): unknown {
  const q = params.get('q') ?? '';
  let pred: ReturnType<typeof parseDriveQuery>;
  try {
    pred = parseDriveQuery(q);
  } catch {
    throw invalid('q');
  }
  const pageSize = params.has('pageSize') ? Number(params.get('pageSize')) : 100;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw invalid('pageSize', `Invalid value '${params.get('pageSize')}'. Values must be within the range: [1, 1000]`);
  }
  const key = `${q}\u0000${params.get('orderBy') ?? ''}`;
  const offset = params.get('pageToken') ? decodeToken(params.get('pageToken') as string, key) : 0;
  const matches = [...files].filter((f) => pred(f));
  const sort = sorter(params.get('orderBy'));
  if (sort) matches.sort(sort);
  const page = matches.slice(offset, offset + pageSize);
  const body: Record<string, unknown> = { kind: 'drive#fileList', incompleteSearch: false, files: page.map(fileResource) };
  if (offset + pageSize < matches.length) body.nextPageToken = encodeToken(offset + pageSize, key);
  return applyFieldMask(body, mask(params.get('fields'), 'kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)'));
}

export function getFile(file: DriveFile | undefined, id: string, params: URLSearchParams): unknown {
  if (!file) throw fileNotFound(id);
  return applyFieldMask(fileResource(file), mask(params.get('fields'), 'kind,id,name,mimeType'));
}
