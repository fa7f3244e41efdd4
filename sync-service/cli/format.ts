// The alignment as an indented text tree, for `okr rollup`.
import { countBySeverity, formatProblem } from '../../shared/problems.ts';
import { formatNumber, formatRange, keyResultStyle } from '../../shared/number-format.ts';
import type { KeyResult, Problem, Severity } from '../../shared/schemas.ts';
import { STATUS_LABELS } from '../../shared/status.ts';
import { type AlignmentDocument, type TreeNode, walkTree } from '../engine/document.ts';
import { append } from '../../shared/arrays.ts';

export const score = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : n.toFixed(2));
const pct = (n: number | null): string => (n === null ? '—' : `${Math.round(n * 100)}%`);

/** `error  ` / `warning`: the same width, so the problems line up. */
export const severityLabel = (s: Severity): string => (s === 'error' ? 'error  ' : 'warning');

/** `error   Sales / OKRs / row 8 / Type: unknown type …`, as `okr rollup` and `okr validate` print problems. */
export const problemLine = (p: Problem): string => `${severityLabel(p.severity)} ${formatProblem(p)}`;

function objectiveLine(n: TreeNode): string {
  const scores = n.score === n.rolledScore || n.children.length === 0 ? score(n.rolledScore) : `${score(n.score)} → ${score(n.rolledScore)}`;
  const flags = [n.stale ? 'STALE' : '', n.inCycle ? 'in a cycle' : '', n.repeated ? 'shown above' : '', n.deeper ? 'more aligned beneath, too deep to show' : ''].filter(Boolean);
  return `${n.id}  ${n.title || '(no title)'}  [${n.team}]  ${scores}  ${n.grade ?? 'no grade'}  ${STATUS_LABELS[n.status]}${
    flags.length ? `  (${flags.join(', ')})` : ''
  }`;
}

/** `$182,000 → $150,000, now $171,000`: where a key result stands, numbers as typed. */
function krValues(kr: KeyResult): string {
  const style = keyResultStyle(kr);
  const now = kr.current === null ? 'not checked in' : `now ${kr.type === 'binary' ? kr.currentRaw : formatNumber(kr.current, style)}`;
  return kr.type === 'metric' || kr.type === 'milestone' ? `${formatRange(kr, style)}, ${now}` : now;
}

function krLine(kr: KeyResult): string {
  const type = kr.type ?? `unknown type "${kr.typeRaw}"`;
  const weight = kr.weight !== 1 ? `, weight ${kr.weight}` : '';
  return `- ${kr.id}  ${kr.title}  ${score(kr.score)}  (${type}${weight}: ${krValues(kr)})`;
}

function* nodeLines(n: TreeNode, depth: number): Generator<string> {
  // walkTree is iterative: a chain thousands of links deep must not overflow the stack.
  for (const { node, depth: d } of walkTree([n], depth)) {
    const pad = '  '.repeat(d);
    yield `${pad}${objectiveLine(node)}`;
    if (!node.repeated) for (const kr of node.keyResults) yield `${pad}    ${krLine(kr)}`;
  }
}

export function formatTree(doc: AlignmentDocument): string {
  const lines: string[] = [];
  const period = doc.period ? `${doc.period.label ? `${doc.period.label}, ` : ''}${doc.period.start} to ${doc.period.end}` : 'no period';
  lines.push(`${doc.company.name} — ${period} — as of ${doc.asOf.slice(0, 10)}`);
  if (doc.company.mission) lines.push(`Mission: ${doc.company.mission}`);
  const cov = doc.coverage;
  lines.push(
    `Overall ${score(doc.overall)} · ${doc.teams.length} teams · ${doc.objectives.length} objectives · coverage ${cov.aligned}/${cov.teamObjectives} (${pct(cov.ratio)}) · roll-up: ${doc.mode}`,
  );
  lines.push('');
  if (doc.tree.length === 0) lines.push('No company objectives (no sheet has a Mission: or Level: company line).');
  for (const n of doc.tree) append(lines, nodeLines(n, 0));
  if (doc.unaligned.length) {
    lines.push('', 'Not aligned to a company objective:');
    for (const n of doc.unaligned) append(lines, nodeLines(n, 1));
  }
  if (doc.teamsWithoutAlignment.length) lines.push('', `Teams with nothing aligned: ${doc.teamsWithoutAlignment.join(', ')}`);
  if (doc.staleTeams.length) {
    lines.push('', 'Stale teams (last good values shown):');
    for (const s of doc.staleTeams) lines.push(`  ${s.team} (${s.name}): ${s.reason}`);
  }
  const { errors, warnings } = countBySeverity(doc.problems);
  lines.push('', doc.problems.length ? `Problems: ${errors} error(s), ${warnings} warning(s)` : 'No problems.');
  for (const p of doc.problems) lines.push(`  ${problemLine(p)}`);
  return `${lines.join('\n')}\n`;
}
