import { describe, expect, it } from 'vitest';
import type { AlignedObjective, KeyResult } from '../../shared/schemas.ts';
import { composeDigest, composeReminder, composeWebhook, escapeSlack } from './compose.ts';
import { buildDigest } from './digest.ts';
import { addressOf, dueOwners } from './due.ts';

const AS_OF = new Date('2026-12-07T08:00:00Z');
const kr = (id: string, owner: string, title = `KR ${id}`): KeyResult => ({ id, owner, title }) as KeyResult;
const objective = (team: string, id: string, owner: string, krs: KeyResult[]) =>
  ({ team, id, key: `${team}/${id}`, title: `Objective ${id}`, owner, keyResults: krs }) as unknown as AlignedObjective;

describe('addressOf', () => {
  const book = {
    team: [{ team: 'Sales', owner: 'Ana Lopez', email: 'ana@sales.example.com', row: 2 }],
    config: { 'ana lopez': 'ana@example.com', Bo: 'bo@example.com' },
  };
  it('prefers the team’s People tab, then the config, then an Owner that is itself an address', () => {
    expect(addressOf(book, 'Sales', 'ANA LOPEZ')).toEqual({ email: 'ana@sales.example.com', name: 'Ana Lopez' });
    expect(addressOf(book, 'Product', 'Ana Lopez')).toEqual({ email: 'ana@example.com', name: 'ana lopez' });
    expect(addressOf(book, 'Product', ' cy@example.com ')).toEqual({ email: 'cy@example.com', name: 'cy@example.com' });
    expect(addressOf(book, 'Product', 'Dee')).toBeNull();
  });
});

describe('dueOwners', () => {
  it('lists key results without a check-in in the window, one entry per address across teams', () => {
    const due = dueOwners({
      objectives: [
        objective('Sales', 'S1', 'Bo', [kr('S1-1', ''), kr('S1-2', 'Ana')]),
        objective('Product', 'P1', '', [kr('P1-1', 'ana'), kr('P1-2', ''), kr('P1-3', 'Cy')]),
      ],
      checkins: [
        { team: 'Sales', krId: 'S1-1', timestamp: '2026-12-01T08:00:00Z' }, // 6 days: fresh
        { team: 'Sales', krId: 'S1-2', timestamp: '2026-11-30T07:59:59Z' }, // just over 7 days: due
        { team: 'Product', krId: 'P1-3', timestamp: '2026-12-08T00:00:00Z' }, // after as-of: ignored
        { team: 'Product', krId: 'S1-1', timestamp: '2026-12-06T00:00:00Z' }, // another team's id: not Sales's
      ],
      asOf: AS_OF,
      staleAfterDays: 7,
      book: { team: [], config: { Ana: 'ana@example.com' } },
    });
    expect(due.keyResults).toBe(5);
    expect(due.staleKeyResults).toBe(4);
    expect(due.owners.map((o) => [o.owner, o.email, o.teams, o.keyResults.map((k) => k.krId)])).toEqual([
      ['Ana', 'ana@example.com', ['Sales', 'Product'], ['P1-1', 'S1-2']],
      ['Cy', null, ['Product'], ['P1-3']],
    ]);
    expect(due.unowned.map((k) => k.krId)).toEqual(['P1-2']);
    expect(due.owners[0]!.keyResults[1]!.lastCheckin).toBe('2026-11-30T07:59:59.000Z');
  });
});

describe('composing', () => {
  const owner = {
    owner: 'Ana',
    email: 'ana@example.com',
    teams: ['Sales'],
    keyResults: [{ team: 'Sales', objectiveId: 'S1', objectiveTitle: '<img src=x onerror=alert(1)>', krId: 'S1-2', title: 'Deals & <b>more</b>', lastCheckin: null }],
  };
  const ctx = { company: 'Acme', week: '2026-W50', timeZone: 'UTC', staleAfterDays: 7, links: new Map([['Sales', 'https://docs.google.com/spreadsheets/d/abc"x/edit']]) };

  it('a reminder carries the text as text and escapes it in HTML, link included', () => {
    const m = composeReminder(owner, ctx);
    expect(m.subject).toBe('Check-in reminder: 1 key result to update (2026-W50)');
    expect(m.text).toContain('  - S1-2 Deals & <b>more</b> (objective S1 <img src=x onerror=alert(1)>; no check-in yet)');
    expect(m.html).toContain('Deals &amp; &lt;b&gt;more&lt;/b&gt;');
    expect(m.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(m.html).toContain('href="https://docs.google.com/spreadsheets/d/abc&quot;x/edit"');
    expect(m.html).not.toMatch(/<img|<b>more/);
  });

  it('Slack control sequences in sheet text stay text', () => {
    expect(escapeSlack('<!channel> & <https://evil|click>')).toBe('&lt;!channel&gt; &amp; &lt;https://evil|click&gt;');
    const doc = {
      asOf: AS_OF.toISOString(),
      company: { name: 'Acme <!here>', mission: null },
      period: null,
      roots: [],
      objectives: [],
      coverage: { teamObjectives: 0, aligned: 0, ratio: null },
      staleTeams: [],
    } as unknown as Parameters<typeof buildDigest>[0]['doc'];
    const digest = buildDigest({ doc, history: [], checkins: [], due: { owners: [], unowned: [], keyResults: 0, staleKeyResults: 0 }, asOf: AS_OF, week: '2026-W50', staleAfterDays: 7 });
    const hook = composeWebhook(digest, [{ ...owner, owner: '<!channel>' }]);
    expect(hook.text).not.toMatch(/<!/);
    expect(JSON.stringify(hook.blocks.slice(1))).not.toMatch(/<!/);
    expect(hook.text).toContain('&lt;!channel&gt; (1)');
  });
});

describe('buildDigest', () => {
  it('compares each company objective with its last score a week before, and flags what is new', () => {
    const doc = {
      asOf: '2026-12-07T00:00:00.000Z',
      company: { name: 'Acme', mission: null },
      period: { label: 'Q4', start: '2026-10-01', end: '2026-12-31' },
      roots: ['C1', 'C2'],
      objectives: [
        { key: 'C1', id: 'C1', team: 'Acme', title: 'One', rolledScore: 0.5, status: 'on-track', expected: 0.5, keyResults: [] },
        { key: 'C2', id: 'C2', team: 'Acme', title: 'Two', rolledScore: 0.2, status: 'off-track', expected: 0.5, keyResults: [] },
      ],
      coverage: { teamObjectives: 4, aligned: 3, ratio: 0.75 },
      staleTeams: [{ team: 'Ops', reason: 'access denied' }],
    } as unknown as Parameters<typeof buildDigest>[0]['doc'];
    const d = buildDigest({
      doc,
      history: [
        { at: '2026-11-20T00:00:00Z', key: 'C1', rolledScore: 0.1 },
        { at: '2026-11-29T00:00:00Z', key: 'C1', rolledScore: 0.4 }, // the last one at or before as-of − 7 days
        { at: '2026-12-01T00:00:00Z', key: 'C1', rolledScore: 0.45 },
        { at: '2026-12-01T00:00:00Z', key: 'C2', rolledScore: 0.2 },
      ],
      checkins: [],
      due: { owners: [], unowned: [], keyResults: 0, staleKeyResults: 0 },
      asOf: AS_OF,
      week: '2026-W50',
      staleAfterDays: 7,
    });
    expect(d.moves).toEqual([
      { id: 'C1', title: 'One', now: 0.5, weekAgo: 0.4 },
      { id: 'C2', title: 'Two', now: 0.2, weekAgo: null },
    ]);
    expect(d.overall.now).toBeCloseTo(0.35, 10);
    expect(d.overall.weekAgo).toBeNull(); // C2 had no score then: no like-for-like overall change
    expect(d.offTrack.map((o) => o.id)).toEqual(['C2']);
    expect(d.staleTeams).toEqual([{ team: 'Ops', reason: 'the sheet could not be read (access denied)' }]);
    // The headline says a movement over the week, or that the score is new, not both.
    expect(composeDigest(d).text).toContain('Overall score 0.35 (new this week)\n');
    expect(composeDigest({ ...d, overall: { now: 0.35, weekAgo: 0.3 } }).text).toContain('Overall score 0.35 (+0.05 over the week)');
  });
});
