// Roll-up along alignment links: every team objective's line to the company's objectives.
import { gradeFor } from './grades.ts';
import { lintTable } from './lints.ts';
import { problem, sortProblems } from './problems.ts';
import { weightedMean } from './scoring.ts';
import type { AlignedObjective, Alignment, Objective, ParsedTable, Period, Problem, RollupMode, TeamSummary } from './schemas.ts';
import { statusAgainstTime } from './status.ts';

export interface RollupOptions {
  mode?: RollupMode;
  /** The moment statuses are judged at (default: now). */
  asOf?: Date | string;
  /** The company period; defaults to the company sheet's Period/Start/End. */
  period?: Period | null;
  mission?: string | null;
  /** Include quality hints in the problems (default true). */
  lints?: boolean;
}

interface Node {
  key: string;
  /** Roll-up state, kept on the node: string-keyed maps cost more at 45,000 objectives. */
  rolled: number | null;
  checkedIn: boolean;
  pending: number;
  o: Objective;
  /** The table it came from (two workbooks may share a team name and tab). */
  table: ParsedTable;
  isCompany: boolean;
  period: Period | null;
  parents: string[];
  children: string[];
}

const place = (o: Objective) => `${o.team} / ${o.tab} / row ${o.row}`;

/** Duplicate objective ids, within or across teams: one problem per later use, naming both places. */
export function duplicateObjectiveProblems(objectives: readonly Objective[]): Problem[] {
  const first = new Map<string, Objective>();
  const out: Problem[] = [];
  for (const o of objectives) {
    const prev = first.get(o.id);
    if (!prev) {
      first.set(o.id, o);
      continue;
    }
    out.push(
      problem({ team: o.team, tab: o.tab }, 'error', 'duplicate-id', `Objective ID "${o.id}" is used twice: ${place(prev)} and ${place(o)}`, {
        row: o.row,
        column: 'Objective ID',
        value: o.id,
        objectiveId: o.id,
      }),
    );
  }
  return out;
}

function periodOf(t: ParsedTable): Period | null {
  return t.meta.start && t.meta.end ? { label: t.meta.period, start: t.meta.start, end: t.meta.end } : null;
}

export function rollup(tables: readonly ParsedTable[], opts: RollupOptions = {}): Alignment {
  const mode = opts.mode ?? 'both';
  const asOf = opts.asOf instanceof Date ? opts.asOf : opts.asOf ? new Date(opts.asOf) : new Date();
  const ordered = [...tables.filter((t) => t.isCompany), ...tables.filter((t) => !t.isCompany)];
  const companyTable = ordered.find((t) => t.isCompany);
  const period = opts.period ?? (companyTable ? periodOf(companyTable) : null) ?? ordered.map(periodOf).find((p) => p) ?? null;
  const mission = opts.mission ?? companyTable?.meta.mission ?? null;
  const problems: Problem[] = ordered.flatMap((t) => t.problems);
  if (opts.lints !== false) for (const t of ordered) problems.push(...lintTable(t, { asOf, period: periodOf(t) ?? period }));

  // Keys: the id, or team/id for a later duplicate (neither is dropped).
  const nodes: Node[] = [];
  const byKey = new Map<string, Node>();
  const byId = new Map<string, Node>();
  for (const t of ordered) {
    const tablePeriod = periodOf(t) ?? period;
    for (const o of t.objectives) {
      let key = o.id;
      if (byKey.has(key)) {
        key = `${o.team}/${o.id}`;
        for (let n = 2; byKey.has(key); n++) key = `${o.team}/${o.id}#${n}`;
      }
      const node: Node = { key, o, table: t, isCompany: t.isCompany, period: tablePeriod, parents: [], children: [], rolled: null, checkedIn: false, pending: 0 };
      nodes.push(node);
      byKey.set(key, node);
      if (!byId.has(o.id)) byId.set(o.id, node);
    }
  }
  problems.push(...duplicateObjectiveProblems(nodes.map((n) => n.o)));

  // Links child → parent (duplicate ids resolve to their first use).
  for (const n of nodes) {
    for (const pid of n.o.alignsTo) {
      const parent = byId.get(pid);
      if (!parent) {
        problems.push(
          problem({ team: n.o.team, tab: n.o.tab }, 'error', 'unknown-parent', `Aligns To "${pid}" is not an objective id in any sheet; ${n.o.id} is left unaligned there`, {
            row: n.o.row,
            column: 'Aligns To',
            value: pid,
            objectiveId: n.o.id,
          }),
        );
      } else if (!n.parents.includes(parent.key)) n.parents.push(parent.key);
    }
  }

  // Cycles: links inside a strongly connected component are ignored for the roll-up.
  const component = stronglyConnected(nodes, byKey);
  const inCycle = new Set<string>();
  for (const n of nodes) {
    const c = component.get(n.key)!;
    if (c.size > 1 || n.parents.includes(n.key)) inCycle.add(n.key);
  }
  for (const key of inCycle) {
    const n = byKey.get(key)!;
    const path = cyclePath(n, byKey, component.get(key)!).map((k) => byKey.get(k)!.o.id);
    problems.push(
      problem({ team: n.o.team, tab: n.o.tab }, 'error', 'cycle', `cycle: ${path.join(' → ')} (these links are ignored for the roll-up)`, {
        row: n.o.row,
        column: 'Aligns To',
        value: n.o.alignsTo.join(', '),
        objectiveId: n.o.id,
      }),
    );
  }
  for (const n of nodes) {
    const c = component.get(n.key)!;
    n.parents = n.parents.filter((p) => !(inCycle.has(n.key) && c.has(p)));
    for (const p of n.parents) byKey.get(p)!.children.push(n.key);
  }

  // Children before parents (Kahn's algorithm over the acyclic links).
  for (const n of nodes) n.pending = n.children.length;
  const queue = nodes.filter((n) => n.children.length === 0);
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i]!;
    const own = n.o.keyResults.length > 0 ? n.o.score : null;
    const children = n.children.map((k) => byKey.get(k)!);
    const childParts = children.map((c) => ({ score: c.rolled, weight: c.o.weight }));
    if (mode === 'key-results') n.rolled = own;
    else if (mode === 'children') n.rolled = weightedMean(childParts) ?? own;
    else n.rolled = weightedMean(own === null ? childParts : [{ score: own, weight: 1 }, ...childParts]);
    n.checkedIn = n.o.checkedIn || children.some((c) => c.checkedIn);
    for (const p of n.parents) {
      const parent = byKey.get(p)!;
      if (--parent.pending === 0) queue.push(parent);
    }
  }

  // Reach: which objectives lead up to a company objective.
  const reaches = new Set<string>();
  const stack = nodes.filter((n) => n.isCompany).map((n) => n.key);
  while (stack.length) {
    const k = stack.pop()!;
    if (reaches.has(k)) continue;
    reaches.add(k);
    stack.push(...byKey.get(k)!.children);
  }

  const objectives: AlignedObjective[] = nodes.map((n) => {
    const score = n.rolled;
    const { status, expected } = statusAgainstTime({ score, kind: n.o.kind, checkedIn: n.checkedIn, period: n.period, asOf });
    const o = n.o;
    // Fields listed rather than spread: spreading then adding ten more made large roll-ups 3× slower.
    return {
      id: o.id,
      title: o.title,
      team: o.team,
      tab: o.tab,
      row: o.row,
      alignsTo: o.alignsTo,
      kind: o.kind,
      weight: o.weight,
      owner: o.owner,
      notes: o.notes,
      keyResults: o.keyResults,
      score: o.score,
      checkedIn: o.checkedIn,
      key: n.key,
      isCompany: n.isCompany,
      parents: n.parents,
      children: n.children,
      rolledScore: score,
      grade: gradeFor(score, n.o.kind),
      status,
      expected,
      reachesCompany: reaches.has(n.key),
      inCycle: inCycle.has(n.key),
    };
  });

  const teamObjectives = objectives.filter((o) => !o.isCompany);
  const aligned = teamObjectives.filter((o) => o.reachesCompany).length;
  const roots = objectives.filter((o) => o.isCompany).map((o) => o.key);
  const tops = roots.length > 0 ? roots : objectives.filter((o) => o.parents.length === 0).map((o) => o.key);
  // Grouped once: filtering all objectives and problems per table was quadratic in teams.
  const byTable = new Map<ParsedTable, AlignedObjective[]>();
  objectives.forEach((o, i) => {
    const t = nodes[i]!.table;
    const list = byTable.get(t);
    if (list) list.push(o);
    else byTable.set(t, [o]);
  });
  const problemCounts = new Map<string, { total: number; errors: number }>();
  for (const p of problems) {
    const k = `${p.team}\u0000${p.tab}`;
    const c = problemCounts.get(k) ?? { total: 0, errors: 0 };
    c.total++;
    if (p.severity === 'error') c.errors++;
    problemCounts.set(k, c);
  }
  const teams: TeamSummary[] = ordered.map((t) => {
    const mine = byTable.get(t) ?? [];
    const own = mine.map((o) => o.score).filter((s): s is number => s !== null);
    const counted = problemCounts.get(`${t.team}\u0000${t.tab}`) ?? { total: 0, errors: 0 };
    return {
      team: t.team,
      tab: t.tab,
      isCompany: t.isCompany,
      objectives: mine.length,
      keyResults: mine.reduce((s, o) => s + o.keyResults.length, 0),
      score: own.length ? own.reduce((a, b) => a + b, 0) / own.length : null,
      aligned: mine.filter((o) => !o.isCompany && o.reachesCompany).length,
      errors: counted.errors,
      warnings: counted.total - counted.errors,
    };
  });
  const topScores = tops.map((k) => byKey.get(k)!.rolled).filter((s): s is number => s !== null);

  return {
    mode,
    asOf: asOf.toISOString(),
    period,
    mission,
    objectives,
    roots,
    orphans: teamObjectives.filter((o) => o.parents.length === 0).map((o) => o.key),
    coverage: { teamObjectives: teamObjectives.length, aligned, ratio: teamObjectives.length ? aligned / teamObjectives.length : null },
    teamsWithoutAlignment: teams.filter((t) => !t.isCompany && t.objectives > 0 && t.aligned === 0).map((t) => t.team),
    teams,
    overall: topScores.length ? topScores.reduce((a, b) => a + b, 0) / topScores.length : null,
    problems: sortProblems(problems),
  };
}

/** Tarjan's algorithm, iterative (deep alignment chains must not overflow the stack). */
function stronglyConnected(nodes: readonly Node[], byKey: ReadonlyMap<string, Node>): Map<string, Set<string>> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result = new Map<string, Set<string>>();
  let next = 0;
  for (const root of nodes) {
    if (index.has(root.key)) continue;
    const work: { key: string; i: number }[] = [{ key: root.key, i: 0 }];
    index.set(root.key, next);
    low.set(root.key, next++);
    stack.push(root.key);
    onStack.add(root.key);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const parents = byKey.get(frame.key)!.parents;
      if (frame.i < parents.length) {
        const w = parents[frame.i++]!;
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push({ key: w, i: 0 });
        } else if (onStack.has(w)) low.set(frame.key, Math.min(low.get(frame.key)!, index.get(w)!));
        continue;
      }
      work.pop();
      const up = work[work.length - 1];
      if (up) low.set(up.key, Math.min(low.get(up.key)!, low.get(frame.key)!));
      if (low.get(frame.key) === index.get(frame.key)) {
        const set = new Set<string>();
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          set.add(w);
        } while (w !== frame.key);
        for (const k of set) result.set(k, set);
      }
    }
  }
  return result;
}

/** The shortest path from an objective back to itself through its component's links. */
function cyclePath(start: Node, byKey: ReadonlyMap<string, Node>, component: ReadonlySet<string>): string[] {
  const prev = new Map<string, string>();
  const queue = [start.key];
  for (let i = 0; i < queue.length; i++) {
    const k = queue[i]!;
    for (const p of byKey.get(k)!.parents) {
      if (!component.has(p)) continue;
      if (p === start.key) {
        const path = [start.key];
        for (let c: string | undefined = k; c !== undefined && c !== start.key; c = prev.get(c)) path.unshift(c);
        path.unshift(start.key);
        return path;
      }
      if (!prev.has(p)) {
        prev.set(p, k);
        queue.push(p);
      }
    }
  }
  return [start.key, start.key];
}
