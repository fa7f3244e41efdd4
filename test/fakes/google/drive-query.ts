/**
 * A loose parser for Drive v3 `q` search expressions: `and` / `or` / `not`,
 * parentheses, `'<id>' in parents`, comparisons on name, mimeType, trashed,
 * starred, modifiedTime, createdTime, and `name contains '...'`.
 * Unknown terms are rejected the way Drive does (400 Invalid Value) so a
 * typo in a query fails loudly in tests instead of silently matching nothing.
 */
export interface DriveFileView {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  trashed: boolean;
  modifiedTime: number;
  createdTime: number;
}

export type FilePredicate = (f: DriveFileView) => boolean;

type Token = { t: 'str'; v: string } | { t: 'word'; v: string } | { t: 'op'; v: string } | { t: '(' } | { t: ')' };

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const ch = q[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'" || ch === '"') {
      let v = '';
      i++;
      while (i < q.length && q[i] !== ch) {
        if (q[i] === '\\' && i + 1 < q.length) i++;
        v += q[i];
        i++;
      }
      if (i >= q.length) throw new Error('unterminated string');
      i++;
      out.push({ t: 'str', v });
    } else if (ch === '(' || ch === ')') {
      out.push({ t: ch });
      i++;
    } else if ('=!<>'.includes(ch)) {
      const two = q.slice(i, i + 2);
      const op = ['!=', '<=', '>='].includes(two) ? two : ch;
      if (op === '!') throw new Error('bad operator');
      out.push({ t: 'op', v: op });
      i += op.length;
    } else {
      const m = /^[A-Za-z0-9_.:-]+/.exec(q.slice(i));
      if (!m) throw new Error(`unexpected ${ch}`);
      out.push({ t: 'word', v: m[0] });
      i += m[0].length;
    }
  }
  return out;
}

export function parseDriveQuery(q: string | undefined): FilePredicate {
  if (q === undefined || q.trim() === '') return () => true;
  const toks = tokenize(q);
  let i = 0;
  const peekWord = (w: string) => {
    const t = toks[i];
    return t?.t === 'word' && t.v.toLowerCase() === w;
  };
  const expr = (): FilePredicate => {
    let left = andExpr();
    while (peekWord('or')) {
      i++;
      const l = left;
      const r = andExpr();
      left = (f) => l(f) || r(f);
    }
    return left;
  };
  const andExpr = (): FilePredicate => {
    let left = unary();
    while (peekWord('and')) {
      i++;
      const l = left;
      const r = unary();
      left = (f) => l(f) && r(f);
    }
    return left;
  };
  const unary = (): FilePredicate => {
    if (peekWord('not')) {
      i++;
      const inner = unary();
      return (f) => !inner(f);
    }
    if (toks[i]?.t === '(') {
      i++;
      const inner = expr();
      if (toks[i]?.t !== ')') throw new Error('missing )');
      i++;
      return inner;
    }
    return clause();
  };
  const clause = (): FilePredicate => {
    const a = toks[i++];
    const b = toks[i++];
    const c = toks[i++];
    if (!a || !b || !c) throw new Error('incomplete clause');
    if (a.t === 'str' && b.t === 'word' && b.v.toLowerCase() === 'in' && c.t === 'word') {
      if (c.v !== 'parents') throw new Error(`unsupported collection ${c.v}`);
      const id = a.v;
      return (f) => f.parents.includes(id);
    }
    if (a.t !== 'word') throw new Error('expected a field');
    const field = a.v;
    if (b.t === 'word' && b.v.toLowerCase() === 'contains' && c.t === 'str') {
      if (field !== 'name' && field !== 'fullText') throw new Error(`unsupported contains on ${field}`);
      const needle = c.v.toLowerCase();
      return (f) => f.name.toLowerCase().includes(needle);
    }
    if (b.t !== 'op') throw new Error('expected an operator');
    const op = b.v;
    const cmp = <T>(x: T, y: T): boolean =>
      op === '=' ? x === y : op === '!=' ? x !== y : op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
    switch (field) {
      case 'name':
      case 'mimeType': {
        if (c.t !== 'str' || !['=', '!='].includes(op)) throw new Error(`bad ${field} clause`);
        return (f) => cmp(f[field], c.v);
      }
      case 'trashed':
      case 'starred': {
        if (c.t !== 'word' || !['true', 'false'].includes(c.v) || !['=', '!='].includes(op)) throw new Error(`bad ${field} clause`);
        const want = c.v === 'true';
        return (f) => cmp(field === 'trashed' ? f.trashed : false, want);
      }
      case 'modifiedTime':
      case 'createdTime': {
        const t = c.t === 'str' ? Date.parse(c.v) : Number.NaN;
        if (Number.isNaN(t)) throw new Error(`bad ${field} value`);
        return (f) => cmp(f[field], t);
      }
      default:
        throw new Error(`unsupported field ${field}`);
    }
  };
  const pred = expr();
  if (i !== toks.length) throw new Error('trailing tokens');
  return pred;
}
