// The alignment as served by GET /api/alignment and printed by `okr rollup --json`: the shared
// roll-up plus the company, a nested tree (company objectives → team objectives → key results),
// per-objective problems and which teams are stale. Pure: no I/O.
import { walkForest } from '../../shared/arrays.ts';
import { sortProblems } from '../../shared/problems.ts';
import type { AlignedObjective, Alignment, KeyResult, Problem, TeamSummary } from '../../shared/schemas.ts';

export interface StaleTeam {
  team: string;
  sourceId: string;
  /** File name or spreadsheet title. */
  name: string;
  reason: string;
  /** False when there was no earlier good read to fall back on (the team is missing). */
  hasSnapshot: boolean;
  /** The last sync that read it successfully. */
  lastGoodSyncId: number | null;
}

export interface DocumentTeam extends TeamSummary {
  /** Where the team's sheet comes from (file name or spreadsheet title). */
  source: string | null;
  stale: boolean;
  staleReason: string | null;
}

export interface TreeNode {
  key: string;
  id: string;
  title: string;
  team: string;
  tab: string;
  row: number;
  owner: string;
  kind: AlignedObjective['kind'];
  isCompany: boolean;
  weight: number;
  /** Own score: from its key results only. */
  score: number | null;
  /** Rolled up from its key results and/or the objectives aligned under it (per the mode). */
  rolledScore: number | null;
  grade: AlignedObjective['grade'];
  status: AlignedObjective['status'];
  expected: number | null;
  checkedIn: boolean;
  inCycle: boolean;
  /** The team's sheet could not be read this sync: these are its last good values. */
  stale: boolean;
  keyResults: KeyResult[];
  problems: Problem[];
  children: TreeNode[];
  /** Set when this objective was already shown fully elsewhere in the tree (very wide DAGs). */
  repeated?: true;
  /**
   * Set when objectives are aligned beneath this one but not nested here: the tree is cut
   * MAX_TREE_DEPTH levels down (JSON and jsonb nest only so deep). They are all in `objectives`.
   */
  deeper?: true;
}

export interface AlignmentDocument extends Omit<Alignment, 'teams'> {
  company: { name: string; mission: string | null };
  teams: DocumentTeam[];
  /** Company objectives with everything aligned beneath them. */
  tree: TreeNode[];
  /** Team objectives that reach no company objective, with what is aligned beneath them. */
  unaligned: TreeNode[];
  staleTeams: StaleTeam[];
}

export interface DocumentInput {
  /** Default name: the company sheet's team. */
  company: { name?: string | undefined; mission?: string | null | undefined };
  staleTeams?: readonly StaleTeam[];
  /** Team → where its sheet came from. */
  teamSources?: ReadonlyMap<string, string>;
  /** Problems from outside the OKR tables (check-ins tabs, unreadable sources…). */
  extraProblems?: readonly Problem[];
}

/** Objectives shown with their full subtree at most this many times over the whole tree. */
const MAX_NODES_PER_OBJECTIVE = 8;
/**
 * Levels of objectives nested in the tree at most. JSON.stringify overflows the stack near 2,500
 * nested levels (each objective is two: the node and its children list), and a stored document
 * must also parse again; a deeper chain is cut here and marked `deeper`.
 */
export const MAX_TREE_DEPTH = 200;

export function buildAlignmentDocument(alignment: Alignment, input: DocumentInput): AlignmentDocument {
  const staleTeams = [...(input.staleTeams ?? [])];
  const staleByTeam = new Map(staleTeams.map((s) => [s.team, s]));
  const problems = sortProblems([...alignment.problems, ...(input.extraProblems ?? [])]);
  const byKey = new Map(alignment.objectives.map((o) => [o.key, o]));

  const problemsOf = new Map<string, Problem[]>();
  for (const p of problems) {
    if (!p.objectiveId) continue;
    const k = `${p.team}\u0000${p.objectiveId}`;
    const list = problemsOf.get(k);
    if (list) list.push(p);
    else problemsOf.set(k, [p]);
  }

  const shown = new Map<string, number>();
  const treeNode = (o: AlignedObjective): TreeNode => {
    const times = (shown.get(o.key) ?? 0) + 1;
    shown.set(o.key, times);
    return {
      key: o.key,
      id: o.id,
      title: o.title,
      team: o.team,
      tab: o.tab,
      row: o.row,
      owner: o.owner,
      kind: o.kind,
      isCompany: o.isCompany,
      weight: o.weight,
      score: o.score,
      rolledScore: o.rolledScore,
      grade: o.grade,
      status: o.status,
      expected: o.expected,
      checkedIn: o.checkedIn,
      inCycle: o.inCycle,
      stale: staleByTeam.has(o.team),
      keyResults: o.keyResults,
      problems: problemsOf.get(`${o.team}\u0000${o.id}`) ?? [],
      children: [],
      ...(times <= MAX_NODES_PER_OBJECTIVE ? {} : { repeated: true as const }),
    };
  };
  /**
   * An objective with everything aligned beneath it, depth first, iteratively (a chain of
   * thousands of links must not overflow the stack). An objective already on the path above is
   * not repeated beneath itself; one shown too often is listed without its subtree.
   */
  const subtree = (root: AlignedObjective): TreeNode => {
    const top = treeNode(root);
    const onPath = new Set<string>([root.key]);
    const stack: { o: AlignedObjective; node: TreeNode; next: number }[] = [{ o: root, node: top, next: 0 }];
    while (stack.length) {
      const frame = stack[stack.length - 1]!;
      if (!frame.node.repeated && frame.next < frame.o.children.length) {
        const k = frame.o.children[frame.next++]!;
        const child = onPath.has(k) ? undefined : byKey.get(k);
        if (!child) continue;
        if (stack.length > MAX_TREE_DEPTH) {
          frame.node.deeper = true;
          continue;
        }
        const node = treeNode(child);
        frame.node.children.push(node);
        onPath.add(child.key);
        stack.push({ o: child, node, next: 0 });
        continue;
      }
      stack.pop();
      onPath.delete(frame.o.key);
    }
    return top;
  };

  const tree = alignment.roots
    .map((k) => byKey.get(k))
    .filter((o): o is AlignedObjective => !!o)
    .map(subtree);
  const unaligned = alignment.orphans
    .map((k) => byKey.get(k))
    .filter((o): o is AlignedObjective => !!o)
    .map(subtree);

  const teams: DocumentTeam[] = alignment.teams.map((t) => {
    const s = staleByTeam.get(t.team);
    return { ...t, source: input.teamSources?.get(t.team) ?? null, stale: !!s, staleReason: s?.reason ?? null };
  });

  return {
    ...alignment,
    company: {
      name: input.company.name ?? alignment.teams.find((t) => t.isCompany)?.team ?? 'Company',
      mission: input.company.mission ?? alignment.mission ?? null,
    },
    teams,
    problems,
    tree,
    unaligned,
    staleTeams,
  };
}

/** Every objective node in the tree, depth first (each subtree once per place it appears). */
export function walkTree(nodes: readonly TreeNode[], depth = 0): Generator<{ node: TreeNode; depth: number }> {
  return walkForest(nodes, depth);
}
