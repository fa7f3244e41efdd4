import { describe, expect, it } from 'vitest';
import { parsePeople } from './people.ts';

const ctx = { team: 'Product', tab: 'People' };

describe('parsePeople', () => {
  it('reads Owner | Email rows, below a title, with aliases and mailto: links', () => {
    const { people, problems } = parsePeople(
      [['Who gets the weekly reminder'], ['Name', 'E-mail'], ['Ana Lopez', 'ana@example.com'], [], ['Bo Chen', 'mailto:bo@example.com']],
      ctx,
    );
    expect(problems).toEqual([]);
    expect(people).toEqual([
      { team: 'Product', owner: 'Ana Lopez', email: 'ana@example.com', row: 3 },
      { team: 'Product', owner: 'Bo Chen', email: 'bo@example.com', row: 5 },
    ]);
  });

  it('names row, column and reason of each bad row and keeps the rest', () => {
    const { people, problems } = parsePeople(
      [['Owner', 'Email'], ['Ana', 'ana at example'], ['', 'x@example.com'], ['Cy', 'cy@example.com'], ['cy', 'other@example.com']],
      ctx,
    );
    expect(people.map((p) => p.owner)).toEqual(['Cy']);
    expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [2, 'Email', 'bad-email'],
      [3, 'Owner', 'missing-value'],
      [5, 'Owner', 'duplicate-person'],
    ]);
    expect(problems[0]!.message).toContain('"ana at example" is not an e-mail address');
  });

  it('says so when a non-empty tab has no header, and is silent about an empty one', () => {
    expect(parsePeople([['Ana', 'ana@example.com']], ctx).problems[0]!.message).toMatch(/No People header/);
    expect(parsePeople([[], ['', null]], ctx)).toEqual({ people: [], problems: [] });
  });
});
