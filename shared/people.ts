// The optional People tab: Owner | Email, so the service can send each owner their weekly
// check-in reminder. Read like the Check-ins tab: header found by name (aliases allowed), every
// malformed row reported with its row and column, the rest kept.
import { normalizeHeader, PEOPLE_COLUMNS, type PeopleKey } from './columns.ts';
import { findHeader } from './header.ts';
import { problem } from './problems.ts';
import type { ParsedTable, PersonEmail, Problem } from './schemas.ts';
import { cellText, type Cell } from './values.ts';

const LOOKUP: ReadonlyMap<string, PeopleKey> = new Map(
  PEOPLE_COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((n) => [normalizeHeader(n), c.key] as const)),
);

/** Deliberately loose (one @, a dot in the domain, no spaces): the mail server has the last word. */
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/;

export function isEmailAddress(text: string): boolean {
  return EMAIL.test(text);
}

/** A `mailto:` link's address, or the text itself. */
function emailText(cell: Cell): string {
  return cellText(cell).replace(/^mailto:/i, '').trim();
}

export function parsePeople(grid: readonly (readonly Cell[])[], ctx: { team: string; tab: string }): { people: PersonEmail[]; problems: Problem[] } {
  const where = { team: ctx.team, tab: ctx.tab };
  const header = findHeader(grid, (t) => LOOKUP.get(normalizeHeader(t)), ['owner', 'email']);
  if (!header) {
    const empty = grid.every((row) => row.every((c) => cellText(c) === ''));
    return {
      people: [],
      problems: empty ? [] : [problem(where, 'warning', 'missing-header', 'No People header: expected a row with "Owner" and "Email" columns')],
    };
  }
  const col = header.columns;
  const people: PersonEmail[] = [];
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  for (let r = header.index + 1; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    if (cells.every((c) => cellText(c) === '')) continue;
    const row = r + 1;
    const owner = cellText(cells[col.owner!]).trim();
    const email = emailText(cells[col.email!]);
    if (!owner) {
      problems.push(problem(where, 'warning', 'missing-value', 'Owner is blank; the row is skipped (expected the name as written in the Owner column of the OKRs)', { row, column: header.headers[col.owner!] ?? 'Owner' }));
      continue;
    }
    if (!isEmailAddress(email)) {
      problems.push(
        problem(where, 'warning', 'bad-email', `"${email}" is not an e-mail address; ${owner} gets no reminder (expected e.g. name@example.com)`, {
          row,
          column: header.headers[col.email!] ?? 'Email',
          value: email,
        }),
      );
      continue;
    }
    const key = owner.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(problem(where, 'warning', 'duplicate-person', `${owner} is listed again (first on row ${first}); the first address is used`, { row, column: header.headers[col.owner!] ?? 'Owner', value: owner }));
      continue;
    }
    seen.set(key, row);
    people.push({ team: ctx.team, owner, email, row });
  }
  return { people, problems };
}

/**
 * The owners the People tab should list and does not yet: every objective's and key result's
 * owner in the tables, in sheet order, each once (names match case-insensitively, as reminders
 * match them). An owner written as an e-mail address needs no row: reminders use it as it is.
 */
export function ownersMissingFromPeople(tables: readonly ParsedTable[], peopleGrid: readonly (readonly Cell[])[]): string[] {
  const listed = new Set<string>();
  const header = peopleHeader(peopleGrid);
  if (header && header !== 'empty') {
    for (let r = header.row + 1; r < peopleGrid.length; r++) {
      const name = cellText(peopleGrid[r]?.[header.owner]);
      if (name) listed.add(name.toLowerCase());
    }
  }
  const missing: string[] = [];
  const add = (owner: string): void => {
    const name = owner.trim();
    const key = name.toLowerCase();
    if (!name || listed.has(key) || isEmailAddress(name)) return;
    listed.add(key);
    missing.push(name);
  };
  for (const t of tables) {
    for (const o of t.objectives) {
      add(o.owner);
      for (const kr of o.keyResults) add(kr.owner);
    }
  }
  return missing;
}

/** The People tab's header row and Owner column, 'empty' for an empty tab, or null when it has content but no Owner and Email header. */
export function peopleHeader(grid: readonly (readonly Cell[])[]): { row: number; owner: number } | 'empty' | null {
  const header = findHeader(grid, (t) => LOOKUP.get(normalizeHeader(t)), ['owner', 'email']);
  if (header) return { row: header.index, owner: header.columns.owner! };
  return grid.every((row) => row.every((c) => cellText(c) === '')) ? 'empty' : null;
}
