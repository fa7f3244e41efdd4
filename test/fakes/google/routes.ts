/** URL → operation of the fake (the paths @googleapis/sheets v4 and @googleapis/drive v3 call). */
export type FakeOp =
  | 'driveList'
  | 'driveGet'
  | 'spreadsheetGet'
  | 'spreadsheetCreate'
  | 'batchUpdate'
  | 'batchGet'
  | 'valuesGet'
  | 'valuesUpdate'
  | 'valuesAppend'
  | 'valuesClear'
  | 'valuesBatchUpdate'
  | 'valuesBatchClear'
  | 'other';

export const OPS: FakeOp[] = [
  'driveList',
  'driveGet',
  'spreadsheetGet',
  'spreadsheetCreate',
  'batchUpdate',
  'batchGet',
  'valuesGet',
  'valuesUpdate',
  'valuesAppend',
  'valuesClear',
  'valuesBatchUpdate',
  'valuesBatchClear',
  'other',
];
export const READ_OPS = new Set<FakeOp>(['spreadsheetGet', 'batchGet', 'valuesGet']);
export const DRIVE_OPS = new Set<FakeOp>(['driveList', 'driveGet']);
export type QuotaBucket = 'reads' | 'writes' | 'drive';
export const bucketOf = (op: FakeOp): QuotaBucket => (READ_OPS.has(op) ? 'reads' : DRIVE_OPS.has(op) ? 'drive' : 'writes');

export interface Route {
  op: FakeOp;
  id?: string;
  range?: string;
}

export function route(method: string, rawPath: string): Route {
  const seg = rawPath.split('/').filter(Boolean);
  const dec = (s: string | undefined) => decodeURIComponent(s ?? '');
  if (seg[0] === 'drive' && seg[1] === 'v3' && seg[2] === 'files') {
    if (seg.length === 3 && method === 'GET') return { op: 'driveList' };
    if (seg.length === 4 && method === 'GET') return { op: 'driveGet', id: dec(seg[3]) };
    return { op: 'other' };
  }
  if (seg[0] !== 'v4' || seg[1] !== 'spreadsheets') return { op: 'other' };
  if (seg.length === 2) return method === 'POST' ? { op: 'spreadsheetCreate' } : { op: 'other' };
  const head = seg[2] as string;
  if (seg.length === 3) {
    if (head.endsWith(':batchUpdate') && method === 'POST') return { op: 'batchUpdate', id: dec(head.slice(0, -':batchUpdate'.length)) };
    if (method === 'GET' && !head.includes(':')) return { op: 'spreadsheetGet', id: dec(head) };
    return { op: 'other' };
  }
  const id = dec(head);
  const sub = seg[3] as string;
  if (seg.length === 4) {
    if (sub === 'values:batchGet' && method === 'GET') return { op: 'batchGet', id };
    if (sub === 'values:batchUpdate' && method === 'POST') return { op: 'valuesBatchUpdate', id };
    if (sub === 'values:batchClear' && method === 'POST') return { op: 'valuesBatchClear', id };
    return { op: 'other', id };
  }
  if (sub === 'values' && seg.length === 5) {
    // The range is percent-encoded, so a literal ':' can only be the method suffix.
    const raw = seg[4] as string;
    const colon = raw.lastIndexOf(':');
    const suffix = colon >= 0 ? raw.slice(colon + 1) : '';
    if (method === 'POST' && suffix === 'append') return { op: 'valuesAppend', id, range: dec(raw.slice(0, colon)) };
    if (method === 'POST' && suffix === 'clear') return { op: 'valuesClear', id, range: dec(raw.slice(0, colon)) };
    if (method === 'GET') return { op: 'valuesGet', id, range: dec(raw) };
    if (method === 'PUT') return { op: 'valuesUpdate', id, range: dec(raw) };
  }
  return { op: 'other', id };
}
