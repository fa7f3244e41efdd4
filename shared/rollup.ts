// Roll-up along alignment links: every team objective's line to the company's objectives.
import { append } from './arrays.ts';
import { gradeFor } from './grades.ts';
import { lintTable } from './lints.ts';
import { type LookalikeIndex, lookalikeIndex } from './lookalike.ts';
import { problem, sortProblems } from './problems.ts';
import type { AlignedObjective, Alignment, Objective, ParsedTable, Period, Problem, RollupMode, TeamSummary } from './schemas.ts';
import type { OtherPeriods } from './periods.ts';
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
  /**
   * Objectives of the other periods (shared/periods.ts): a link to one of them is a problem naming
   * both objectives and both periods, not an unknown id. `periodLabel` names this roll-up's period.
   */
  otherPeriods?: OtherPeriods;
  periodLabel?: string;
}

interface Node {
  /** Position in the node list: links are indexes, not string keys (cheaper at 45,000 objectives). */
  index: number;
  key: string;
  o: Objective;
  /** The table it came from (two workbooks may share a team name and tab). */
  table: ParsedTable;
  isCompany: boolean;
  period: Period | null;
  parents: number[];
  children: number[];
  /** Roll-up state. */
  rolled: number | null;
  checkedIn: boolean;
  pending: number;
  inCycle: boolean;
  reaches: boolean;
}

interface Graph {
  nodes: Node[];
  /** An objective id → its first use (duplicate ids resolve there). */
  byId: Map<string, Node>;
}

const place = (o: Objective) => `${o.team} / ${o.tab} / row ${o.row}`;

/** Duplicate objective ids, within or across teams: one problem per later use, naming both places. */
export function duplicateObjectiveProblems(objectives: readonly Objective[]): Problem[] {
  const first = new Map<string, Objective>();
  const out: Problem[] = [];
  for (const o of objectives) {
    const prev = first.get(o.id);
    if (!prev) first.set(o.id, o);
    else out.push(duplicateIdProblem(prev, o));
  }
  return out;
}

function duplicateIdProblem(prev: Objective, o: Objective): Problem {
  return problem({ team: o.team, tab: o.tab }, 'error', 'duplicate-id', `Objective ID "${o.id}" is used twice: ${place(prev)} and ${place(o)}`, {
    row: o.row,
    column: 'Objective ID',
    value: o.id,
    objectiveId: o.id,
  });
}

/** duplicateObjectiveProblems over the graph, whose id map already holds each id's first use. */
function graphDuplicateProblems(graph: Graph): Problem[] {
  const out: Problem[] = [];
  for (const n of graph.nodes) {
    const first = graph.byId.get(n.o.id) as Node;
    if (first !== n) out.push(duplicateIdProblem(first.o, n.o));
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

  const problems = tableProblems(ordered, opts.lints !== false ? { asOf, period } : null);
  const graph = buildGraph(ordered, period);
  append(problems, graphDuplicateProblems(graph));
  linkParents(graph, problems, opts);
  breakCycles(graph.nodes, problems);
  rollScores(graph.nodes, mode);
  markReach(graph.nodes);

  const objectives = graph.nodes.map((n) => alignedObjective(n, graph.nodes, asOf));
  const teams = teamSummaries(ordered, graph.nodes, objectives, problems);
  const teamObjectives = objectives.filter((o) => !o.isCompany);
  const aligned = teamObjectives.filter((o) => o.reachesCompany).length;
  const roots = graph.nodes.filter((n) => n.isCompany);
  const tops = roots.length > 0 ? roots : graph.nodes.filter((n) => n.parents.length === 0);
  const topScores = tops.map((n) => n.rolled).filter((s): s is number => s !== null);
  return {
    mode,
    asOf: asOf.toISOString(),
    period,
    mission,
    objectives,
    roots: roots.map((n) => n.key),
    orphans: teamObjectives.filter((o) => o.parents.length === 0).map((o) => o.key),
    coverage: { teamObjectives: teamObjectives.length, aligned, ratio: teamObjectives.length ? aligned / teamObjectives.length : null },
    teamsWithoutAlignment: teams.filter((t) => !t.isCompany && t.objectives > 0 && t.aligned === 0).map((t) => t.team),
    teams,
    overall: topScores.length ? topScores.reduce((a, b) => a + b, 0) / topScores.length : null,
    problems: sortProblems(problems),
  };
}

/** Every table's own problems, then (unless turned off) its quality hints. */
function tableProblems(ordered: readonly ParsedTable[], lints: { asOf: Date; period: Period | null } | null): Problem[] {
  const problems: Problem[] = [];
  for (const t of ordered) append(problems, t.problems);
  if (lints) for (const t of ordered) append(problems, lintTable(t, { asOf: lints.asOf, period: periodOf(t) ?? lints.period }));
  return problems;
}

/** One node per objective. Keys: the id, or team/id for a later duplicate (neither is dropped). */
function buildGraph(ordered: readonly ParsedTable[], period: Period | null): Graph {
  const nodes: Node[] = [];
  const byId = new Map<string, Node>();
  // The keys given so far are the ids in byId and these others (no Set of all 45,000 keys).
  const otherKeys = new Set<string>();
  const taken = (key: string) => byId.has(key) || otherKeys.has(key);
  for (const t of ordered) {
    const tablePeriod = periodOf(t) ?? period;
    for (const o of t.objectives) {
      let key = o.id;
      if (taken(key)) {
        key = `${o.team}/${o.id}`;
        for (let n = 2; taken(key); n++) key = `${o.team}/${o.id}#${n}`;
      }
      const node: Node = {
        index: nodes.length,
        key,
        o,
        table: t,
        isCompany: t.isCompany,
        period: tablePeriod,
        parents: [],
        children: [],
        rolled: null,
        checkedIn: false,
        pending: 0,
        inCycle: false,
        reaches: false,
      };
      nodes.push(node);
      if (key !== o.id) otherKeys.add(key);
      if (!byId.has(o.id)) byId.set(o.id, node);
    }
  }
  return { nodes, byId };
}

/** Links child → parent by Aligns To; an unknown id is a problem. */
function linkParents(graph: Graph, problems: Problem[], opts: Pick<RollupOptions, 'otherPeriods' | 'periodLabel'>): void {
  let lookalikes: LookalikeIndex | null = null;
  for (const n of graph.nodes) {
    for (const pid of n.o.alignsTo) {
      const parent = graph.byId.get(pid);
      const elsewhere = parent ? undefined : opts.otherPeriods?.get(pid);
      if (elsewhere) problems.push(otherPeriodProblem(n.o, elsewhere, opts.periodLabel ?? ''));
      else if (!parent) {
        lookalikes ??= lookalikeIndex(graph.byId.keys());
        const hint = lookalikes.hint(pid);
        problems.push(
          problem({ team: n.o.team, tab: n.o.tab }, 'error', 'unknown-parent', `Aligns To "${pid}" is not an objective id in any sheet${hint ? ` (${hint})` : ''}; ${n.o.id} is left unaligned there`, {
            row: n.o.row,
            column: 'Aligns To',
            value: pid,
            objectiveId: n.o.id,
          }),
        );
      } else if (!n.parents.includes(parent.index)) n.parents.push(parent.index);
    }
  }
}

/** A link to a parent of another period: the alignment does not cross periods. */
function otherPeriodProblem(o: Objective, parent: { period: string; objective: Objective }, period: string): Problem {
  const p = parent.objective;
  return problem(
    { team: o.team, tab: o.tab },
    'error',
    'other-period-parent',
    `${o.id} "${o.title}" (${period || 'this period'}) aligns to ${p.id} "${p.title}" of ${p.team}, which is in ${parent.period || 'another period'}: ` +
      `links resolve within a period, so ${o.id} is left unaligned; align it to an objective of ${period || 'its period'}`,
    { row: o.row, column: 'Aligns To', value: p.id, objectiveId: o.id },
  );
}

/**
 * Cycles: links inside a strongly connected component are ignored for the roll-up, and every
 * objective in one gets a problem naming a loop through it. Then each parent learns its children.
 */
function breakCycles(nodes: Node[], problems: Problem[]): void {
  const component = stronglyConnected(nodes);
  const size = new Int32Array(nodes.length);
  for (const c of component) size[c]!++;
  for (const n of nodes) n.inCycle = size[component[n.index]!]! > 1 || n.parents.includes(n.index);
  const members = new Map<number, Node[]>();
  for (const n of nodes) {
    if (!n.inCycle) continue;
    const c = component[n.index]!;
    const list = members.get(c);
    if (list) list.push(n);
    else members.set(c, [n]);
  }
  for (const list of members.values()) {
    const paths = cyclePaths(list, nodes, component);
    for (const n of list) {
      problems.push(
        problem({ team: n.o.team, tab: n.o.tab }, 'error', 'cycle', `cycle: ${paths(n)} (these links are ignored for the roll-up)`, {
          row: n.o.row,
          column: 'Aligns To',
          value: n.o.alignsTo.join(', '),
          objectiveId: n.o.id,
        }),
      );
    }
  }
  for (const n of nodes) {
    if (n.inCycle) n.parents = n.parents.filter((p) => component[p] !== component[n.index]);
    for (const p of n.parents) nodes[p]!.children.push(n.index);
  }
}

/** Children before parents (Kahn's algorithm over the acyclic links), each rolled up per the mode. */
function rollScores(nodes: Node[], mode: RollupMode): void {
  for (const n of nodes) n.pending = n.children.length;
  const queue = nodes.filter((n) => n.children.length === 0);
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i]!;
    const own = n.o.keyResults.length > 0 ? n.o.score : null;
    // The weighted mean of the children's rolled scores (and the own score, per the mode), inline.
    // In 'both' the own score counts first with weight 1, as weightedMean([own, ...children]) adds.
    const withOwn = mode === 'both' && own !== null;
    let sum = withOwn ? own : 0;
    let total = withOwn ? 1 : 0;
    let checkedIn = n.o.checkedIn;
    for (const k of n.children) {
      const c = nodes[k]!;
      if (c.checkedIn) checkedIn = true;
      if (c.rolled === null || !(c.o.weight > 0)) continue;
      sum += c.rolled * c.o.weight;
      total += c.o.weight;
    }
    const mean = total > 0 ? sum / total : null;
    if (mode === 'key-results') n.rolled = own;
    else if (mode === 'children') n.rolled = mean ?? own;
    else n.rolled = mean;
    n.checkedIn = checkedIn;
    for (const p of n.parents) {
      const parent = nodes[p]!;
      if (--parent.pending === 0) queue.push(parent);
    }
  }
}

/** Which objectives lead up to a company objective. */
function markReach(nodes: Node[]): void {
  const stack = nodes.filter((n) => n.isCompany).map((n) => n.index);
  while (stack.length) {
    const n = nodes[stack.pop()!]!;
    if (n.reaches) continue;
    n.reaches = true;
    for (const c of n.children) if (!nodes[c]!.reaches) stack.push(c);
  }
}

function alignedObjective(n: Node, nodes: readonly Node[], asOf: Date): AlignedObjective {
  const score = n.rolled;
  const { status, expected } = statusAgainstTime({ score, kind: n.o.kind, checkedIn: n.checkedIn, period: n.period, asOf });
  const o = n.o;
  // Fields listed rather than spread: spreading then adding ten more made large roll-ups 3× slower.
  const out: AlignedObjective = {
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
    parents: n.parents.map((p) => nodes[p]!.key),
    children: n.children.map((c) => nodes[c]!.key),
    rolledScore: score,
    grade: gradeFor(score, n.o.kind),
    status,
    expected,
    reachesCompany: n.reaches,
    inCycle: n.inCycle,
  };
  // Only a closed tab's objectives carry the closing fields (an open quarter's output is unchanged).
  if (o.finalScore !== undefined) out.finalScore = o.finalScore;
  if (o.learning !== undefined) out.learning = o.learning;
  if (o.carryOn !== undefined) out.carryOn = o.carryOn;
  return out;
}

/** Per table: its objectives, key results, mean own score, aligned objectives and problem counts. */
function teamSummaries(ordered: readonly ParsedTable[], nodes: readonly Node[], objectives: readonly AlignedObjective[], problems: readonly Problem[]): TeamSummary[] {
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
  return ordered.map((t) => {
    const mine = byTable.get(t) ?? [];
    // One pass per table (10,000 tables): the same sums the filters and reduces gave.
    let keyResults = 0;
    let scored = 0;
    let sum = 0;
    let aligned = 0;
    for (const o of mine) {
      keyResults += o.keyResults.length;
      if (o.score !== null) {
        sum += o.score;
        scored++;
      }
      if (!o.isCompany && o.reachesCompany) aligned++;
    }
    const counted = problemCounts.get(`${t.team}\u0000${t.tab}`) ?? { total: 0, errors: 0 };
    return {
      team: t.team,
      tab: t.tab,
      isCompany: t.isCompany,
      objectives: mine.length,
      keyResults,
      score: scored ? sum / scored : null,
      aligned,
      errors: counted.errors,
      warnings: counted.total - counted.errors,
    };
  });
}

/** Tarjan's algorithm, iterative (deep alignment chains must not overflow the stack): each node's component id. */
function stronglyConnected(nodes: readonly Node[]): Int32Array {
  const n = nodes.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const component = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const work: number[] = [];
  const cursor = new Int32Array(n);
  let next = 0;
  let components = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    index[root] = low[root] = next++;
    stack.push(root);
    onStack[root] = 1;
    work.push(root);
    while (work.length) {
      const v = work[work.length - 1]!;
      const parents = nodes[v]!.parents;
      if (cursor[v]! < parents.length) {
        const w = parents[cursor[v]!++]!;
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack.push(w);
          onStack[w] = 1;
          work.push(w);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      work.pop();
      const up = work[work.length - 1];
      if (up !== undefined) low[up] = Math.min(low[up]!, low[v]!);
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component[w] = components;
        } while (w !== v);
        components++;
      }
    }
  }
  return component;
}

/** Loops up to this many objectives are named in full in each member's problem. */
const CYCLE_SHOWN = 12;
/** Components up to this size get each member's own shortest loop (a search per member). */
const SMALL_COMPONENT = 64;

/**
 * Names a loop through each member of one cycle component. Small components: each member's
 * shortest loop. Large ones stay linear: two searches from one member s give every member v a
 * loop v → … → s → … → v, named by its first objectives and its length.
 */
function cyclePaths(members: readonly Node[], nodes: readonly Node[], component: Int32Array): (n: Node) => string {
  const c = component[members[0]!.index]!;
  const inside = (k: number) => component[k] === c;
  const id = (k: number) => nodes[k]!.o.id;
  if (members.length <= SMALL_COMPONENT) {
    return (n) => shortestLoop(n.index, nodes, inside).map(id).join(' → ');
  }
  const s = members[0]!.index;
  // The links inside the component, reversed: searching them from s gives every member its next step towards s.
  const linkedFrom = new Map<number, number[]>();
  for (const m of members) {
    for (const p of m.parents) {
      if (!inside(p)) continue;
      const list = linkedFrom.get(p);
      if (list) list.push(m.index);
      else linkedFrom.set(p, [m.index]);
    }
  }
  const toS = new Map<number, number>();
  const distToS = new Map<number, number>([[s, 0]]);
  const back = [s];
  for (let i = 0; i < back.length; i++) {
    const k = back[i]!;
    for (const m of linkedFrom.get(k) ?? []) {
      if (distToS.has(m)) continue;
      toS.set(m, k);
      distToS.set(m, distToS.get(k)! + 1);
      back.push(m);
    }
  }
  // From s along the links: each member's distance from s, and the step that reached it.
  const distFromS = new Map<number, number>([[s, 0]]);
  const reachedFrom = new Map<number, number>();
  const forward = [s];
  for (let i = 0; i < forward.length; i++) {
    const k = forward[i]!;
    for (const p of nodes[k]!.parents) {
      if (!inside(p) || distFromS.has(p)) continue;
      distFromS.set(p, distFromS.get(k)! + 1);
      reachedFrom.set(p, k);
      forward.push(p);
    }
  }
  // s's own shortest loop: s → … → m → s through the member m linking to s that is nearest from s.
  let last = s;
  for (const m of linkedFrom.get(s) ?? []) if (distFromS.get(m)! < (last === s ? Number.POSITIVE_INFINITY : distFromS.get(last)!)) last = m;
  const between: number[] = [];
  for (let k = last; k !== s; k = reachedFrom.get(k)!) between.push(k);
  const loopOfS = [s, ...between.reverse(), s];
  return (n) => {
    const v = n.index;
    if (v === s) {
      const links = loopOfS.length - 1;
      return links + 1 <= CYCLE_SHOWN
        ? loopOfS.map(id).join(' → ')
        : `${loopOfS.slice(0, CYCLE_SHOWN).map(id).join(' → ')} → … → ${id(s)} (a loop of ${links} links, in a knot of ${members.length} objectives)`;
    }
    const links = distToS.get(v)! + distFromS.get(v)!;
    const shown: number[] = [v];
    for (let k = v; k !== s && shown.length < CYCLE_SHOWN; ) {
      k = toS.get(k)!;
      shown.push(k);
    }
    return `${shown.map(id).join(' → ')} → … → ${id(v)} (a loop of ${links} links, in a knot of ${members.length} objectives)`;
  };
}

/** The shortest path from an objective back to itself through its component's links. */
function shortestLoop(start: number, nodes: readonly Node[], inside: (k: number) => boolean): number[] {
  const prev = new Map<number, number>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const k = queue[i]!;
    for (const p of nodes[k]!.parents) {
      if (!inside(p)) continue;
      if (p === start) {
        const path = [start];
        for (let c: number | undefined = k; c !== undefined && c !== start; c = prev.get(c)) path.unshift(c);
        path.unshift(start);
        return path;
      }
      if (!prev.has(p)) {
        prev.set(p, k);
        queue.push(p);
      }
    }
  }
  return [start, start];
}
