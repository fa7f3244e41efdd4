// The alignment diagram as inline SVG: one card per objective (title, team, rolled-up score in its
// grade colour, status), linked to the objective's page. Cards are <a> elements, so it works with
// JavaScript off; every text from the sheets goes through hono/jsx (escaped), <text> included.
import { GRADE_COLORS, GRADE_LABELS, GRADE_RANGES, gradeFor } from '../../../shared/grades.ts';
import type { AlignedObjective, Status } from '../../../shared/schemas.ts';
import { STATUS_LABELS } from '../../../shared/status.ts';
import type { Box, DiagramLayout, LaidNode, Summary } from '../diagram-layout.ts';
import { domId, fmtScore, gradeColors, objectiveHref, plural } from '../format.ts';
import type { PlacedNode } from '../placement.ts';
import { textWidth, truncate, wrapText } from '../text.ts';

export const STATUS_INK: Record<Status, string> = {
  'on-track': '#0d652d',
  'at-risk': '#7a5200',
  'off-track': '#a50e0e',
  'not-started': '#4b5563',
};

const STATUS_BAR: Record<Status, string> = {
  'on-track': '#1e8e3e',
  'at-risk': '#f9ab00',
  'off-track': '#d93025',
  'not-started': '#c4cad4',
};

export interface DiagramContext {
  /** Objective titles/ids by key, for naming other parents. */
  objectives: ReadonlyMap<string, AlignedObjective>;
  staleTeams: ReadonlySet<string>;
  company: string;
  mission: string | null;
  overall: number | null;
  periodLabel: string | null;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

function searchText(o: AlignedObjective): string {
  return `${o.title} ${o.team} ${o.id} ${o.owner}`.toLowerCase();
}

function tooltip(o: AlignedObjective, others: readonly string[], ctx: DiagramContext): string {
  const grade = o.grade ? GRADE_LABELS[o.grade] : 'not scored';
  const lines = [`${o.title}`, `${o.team} · ${o.id} · score ${fmtScore(o.rolledScore)} (${grade}) · status: ${STATUS_LABELS[o.status]}`];
  if (others.length) lines.push(`Also aligned to: ${others.map((k) => ctx.objectives.get(k)?.id ?? k).join(', ')}`);
  if (ctx.staleTeams.has(o.team)) lines.push('Stale: the sheet could not be read; showing its last good values');
  return lines.join('\n');
}

function ScoreBadge(props: { x: number; y: number; w: number; h: number; o: AlignedObjective; size: number }) {
  const c = gradeColors(props.o.grade);
  return (
    <g>
      <rect x={r1(props.x)} y={r1(props.y)} width={props.w} height={props.h} rx="7" fill={c.background} />
      <text class="t-score" x={r1(props.x + props.w / 2)} y={r1(props.y + props.h / 2 + props.size * 0.36)} fill={c.text} font-size={props.size}>
        {fmtScore(props.o.rolledScore)}
      </text>
    </g>
  );
}

/** A viewport that clips what is drawn in it: text can never spill out of its area. */
function Clip(props: { x: number; y: number; w: number; h: number; children?: unknown }) {
  return (
    <svg x={r1(props.x)} y={r1(props.y)} width={r1(Math.max(0, props.w))} height={r1(props.h)} overflow="hidden" role="none">
      {props.children}
    </svg>
  );
}

/** The meta line: `stale · Team · ID · also CO-3`, fitted to the width. */
function MetaLine(props: { y: number; width: number; parts: string[]; also: string[]; stale: boolean }) {
  const alsoText = props.also.length ? ` · also ${props.also.join(', ')}` : '';
  const staleText = props.stale ? 'stale · ' : '';
  const staleW = textWidth(staleText, 11, true);
  const alsoW = Math.min(textWidth(alsoText, 11, true), props.width * 0.45);
  const main = truncate(props.parts.filter(Boolean).join(' · '), props.width - alsoW - staleW, 11);
  const alsoFit = alsoText ? truncate(alsoText, props.width - staleW - textWidth(main, 11), 11, true) : '';
  return (
    <text class="t-meta" x="0" y={r1(props.y)}>
      {props.stale ? <tspan class="t-stale">{staleText}</tspan> : null}
      {main}
      {alsoFit ? <tspan class="t-also">{alsoFit}</tspan> : null}
    </text>
  );
}

function ObjectiveCard(props: { box: Box; node: PlacedNode; top: boolean; ctx: DiagramContext }) {
  const { box, node, ctx } = props;
  const o = node.objective;
  const W = box.w;
  const H = box.h;
  const stale = ctx.staleTeams.has(o.team);
  const also = node.otherParents.map((k) => ctx.objectives.get(k)?.id ?? k);
  const big = props.top;
  const badgeW = big ? 56 : 48;
  const textX = 16;
  const titleW = W - textX - badgeW - 18;
  const titleSize = big ? 14 : 13;
  const lines = wrapText(o.title, titleW, titleSize, 2, true);
  const lineGap = big ? 18 : 16;
  const firstY = big ? 27 : 21;
  const status = STATUS_LABELS[o.status];
  const statusSize = 10.5;
  const metaY = H - (big ? 14 : 11);
  const metaW = W - textX - 10 - textWidth(status, statusSize, true) - 12;
  const cls = `card${big ? ' card-top' : ''}${stale ? ' card-stale' : ''}`;
  const meta = big ? [o.id, o.owner, o.kind] : [o.team, o.id];
  const bar = o.grade ? GRADE_COLORS[o.grade].bar : '#b7bfcc';
  return (
    <a href={objectiveHref(o.key)} data-search={searchText(o)} id={domId('node', o.key)} transform={`translate(${r1(box.x)} ${r1(box.y)})`}>
      <title>{tooltip(o, node.otherParents, ctx)}</title>
      <rect class={cls} width={r1(W)} height={H} rx="10" />
      <rect x="4" y="9" width="4" height={H - 18} rx="2" fill={bar} />
      <Clip x={textX} y={0} w={titleW + 4} h={H}>
        {lines.map((line, i) => (
          <text class={big ? 't-top' : 't-title'} x="0" y={firstY + i * lineGap}>
            {line}
          </text>
        ))}
      </Clip>
      <Clip x={textX} y={0} w={metaW} h={H}>
        <MetaLine y={metaY} width={metaW} parts={meta} also={also} stale={stale} />
      </Clip>
      <ScoreBadge x={W - badgeW - 10} y={10} w={badgeW} h={big ? 30 : 26} o={o} size={big ? 15 : 14} />
      <text class="t-status" x={r1(W - 10)} y={metaY} fill={STATUS_INK[o.status]}>
        {status}
      </text>
    </a>
  );
}

function MissionCard(props: { box: Box; ctx: DiagramContext }) {
  const { box, ctx } = props;
  const c = gradeColors(gradeFor(ctx.overall));
  const text = ctx.mission ?? 'No mission set: add a Mission: line to the company sheet.';
  const textW = box.w - 22 - 112;
  const lines = wrapText(text, textW, 15, 2, true);
  return (
    <g transform={`translate(${r1(box.x)} ${r1(box.y)})`}>
      <title>{`${ctx.company}${ctx.mission ? ` — ${ctx.mission}` : ''} · overall ${fmtScore(ctx.overall)}`}</title>
      <rect class="card-mission" width={r1(box.w)} height={box.h} rx="14" />
      <Clip x={22} y={0} w={textW} h={box.h}>
        <text class="t-mission-name" x="0" y="26">
          {truncate(`${ctx.company.toUpperCase()}${ctx.periodLabel ? ` · ${ctx.periodLabel}` : ''} · MISSION`, textW, 12, true)}
        </text>
        {lines.map((line, i) => (
          <text class="t-mission" x="0" y={50 + i * 20}>
            {line}
          </text>
        ))}
      </Clip>
      <rect x={r1(box.w - 96)} y="16" width="78" height="38" rx="9" fill={c.background} />
      <text class="t-score" x={r1(box.w - 57)} y="42" fill={c.text} font-size="20">
        {fmtScore(ctx.overall)}
      </text>
      <text class="t-mission-meta" x={r1(box.w - 57)} y="70" text-anchor="middle">
        overall
      </text>
    </g>
  );
}

function SummaryCard(props: { box: Box; top: PlacedNode; summary: Summary; ctx: DiagramContext }) {
  const { box, top, summary: s } = props;
  const W = box.w;
  const barW = W - 32;
  const order: Status[] = ['on-track', 'at-risk', 'off-track', 'not-started'];
  let acc = 0;
  const segments = order.map((st) => {
    const w = s.count ? (s.byStatus[st] / s.count) * barW : 0;
    const seg = { st, x: 16 + acc, w };
    acc += w;
    return seg;
  });
  const detail = order
    .filter((st) => s.byStatus[st] > 0)
    .map((st) => `${s.byStatus[st]} ${STATUS_LABELS[st].toLowerCase()}`)
    .join(' · ');
  const avg = `avg ${fmtScore(s.mean)}`;
  const foot = `${plural(s.teams, 'team')}${s.sharedIn ? ` · +${s.sharedIn} shared` : ''}`;
  return (
    <a href={`#${domId('co', top.key)}`} data-search={searchText(top.objective)} transform={`translate(${r1(box.x)} ${r1(box.y)})`}>
      <title>{`${plural(s.count, 'objective')} aligned beneath ${top.objective.id}, from ${plural(s.teams, 'team')}: ${detail}. Open the list below.`}</title>
      <rect class="card card-summary" width={r1(W)} height={box.h} rx="10" />
      <text class="t-title" x="16" y="22">
        {truncate(plural(s.count, 'objective'), W - 32 - textWidth(avg, 11) - 8, 13, true)}
      </text>
      <text class="t-meta" x={r1(W - 16)} y="22" text-anchor="end">
        {avg}
      </text>
      <rect x="16" y="33" width={r1(barW)} height="9" rx="3" fill="#eef1f5" />
      {segments.map((seg) => (seg.w > 0 ? <rect x={r1(seg.x)} y="33" width={r1(seg.w)} height="9" fill={STATUS_BAR[seg.st]} /> : null))}
      <text class="t-meta" x="16" y="61">
        {truncate(detail || 'nothing scored yet', W - 32, 11)}
      </text>
      <text class="t-also" x="16" y="80">
        {truncate(`${foot} · list below ↓`, W - 32, 11, true)}
      </text>
    </a>
  );
}

function NodeView(props: { n: LaidNode; ctx: DiagramContext }) {
  const n = props.n;
  if (n.kind === 'mission') return <MissionCard box={n.box} ctx={props.ctx} />;
  if (n.kind === 'summary') return <SummaryCard box={n.box} top={n.top} summary={n.summary} ctx={props.ctx} />;
  return <ObjectiveCard box={n.box} node={n.node} top={n.kind === 'top'} ctx={props.ctx} />;
}

/**
 * The same diagram for phones: the columns stacked, each a list of cards indented by depth, in the
 * order the drawing reads. Shown instead of the drawing on narrow screens (styles.ts), where the
 * drawing would have to shrink to unreadable text.
 */
export function DiagramStack(props: { layout: DiagramLayout; ctx: DiagramContext }) {
  const { ctx } = props;
  return (
    <ol class="diagram-stack">
      {props.layout.nodes.map((n) => {
        if (n.kind === 'mission') return null;
        if (n.kind === 'summary') {
          return (
            <li class="stack-item stack-summary" style="--depth:1">
              {`${plural(n.summary.count, 'objective')} from ${plural(n.summary.teams, 'team')} beneath (see below)`}
            </li>
          );
        }
        const o = n.node.objective;
        const c = gradeColors(o.grade);
        const also = n.node.otherParents.map((k) => ctx.objectives.get(k)?.id ?? k);
        const stale = ctx.staleTeams.has(o.team);
        return (
          <li class={`stack-item${n.kind === 'top' ? ' stack-top' : ''}${stale ? ' stack-stale' : ''}`} style={`--depth:${Math.min(n.depth, 5)}`}>
            <a href={objectiveHref(o.key)} data-search={searchText(o)} style={`border-left-color:${o.grade ? GRADE_COLORS[o.grade].bar : '#b7bfcc'}`}>
              <span class="stack-title">{o.title || o.id}</span>
              <span class="stack-score" style={`background:${c.background};color:${c.text}`}>
                {fmtScore(o.rolledScore)}
              </span>
              <span class="stack-meta">
                {n.kind === 'top' ? [o.id, o.owner].filter(Boolean).join(' · ') : `${o.team} · ${o.id}`}
                {also.length ? <span class="stack-also">{` · also ${also.join(', ')}`}</span> : null}
                {stale ? <span class="stack-also">{' · stale'}</span> : null}
              </span>
              <span class="stack-status" style={`color:${STATUS_INK[o.status]}`}>
                {STATUS_LABELS[o.status]}
              </span>
            </a>
          </li>
        );
      })}
    </ol>
  );
}

export function DiagramSvg(props: { id: string; layout: DiagramLayout; title: string; desc: string; ctx: DiagramContext }) {
  const { layout } = props;
  const wide = layout.width > 1400;
  return (
    <>
    <DiagramStack layout={layout} ctx={props.ctx} />
    <div class="diagram-scroll">
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a <fieldset>. */}
      <svg
        class="diagram"
        id={props.id}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width={layout.width}
        height={layout.height}
        // Never drawn larger than designed; wider than the page, it scrolls instead of shrinking.
        style={wide ? `min-width:${layout.width}px` : `max-width:${layout.width}px`}
        // A group, not role="img": its cards are links, and an image's children are hidden from assistive tech.
        role="group"
        aria-labelledby={`${props.id}-title ${props.id}-desc`}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{props.desc}</desc>
        <g>
          {layout.edges
            .filter((e) => e.kind === 'tree')
            .map((e) => (
              <path class="edge" d={e.d} />
            ))}
          {layout.edges
            .filter((e) => e.kind === 'extra')
            .map((e) => (
              <path class="edge-extra" d={e.d} data-from={e.from} data-to={e.to} />
            ))}
        </g>
        {layout.nodes.map((n) => (
          <NodeView n={n} ctx={props.ctx} />
        ))}
      </svg>
    </div>
    </>
  );
}

/** The diagram's key, in HTML below it: the score's colour (grade) and the status are two things. */
export function DiagramLegend(props: { collapsed: boolean }) {
  return (
    <div class="legend">
      <span class="legend-group" data-legend="grade">
        <strong>Score colour (grade):</strong>
        {(['green', 'yellow', 'red'] as const).map((g) => (
          <span>
            <i class="swatch" style={`background:${GRADE_COLORS[g].bar}`} />
            {`${GRADE_LABELS[g]} ${GRADE_RANGES[g]}`}
          </span>
        ))}
      </span>
      <span class="legend-group" data-legend="status">
        <strong>Status (score against the time gone):</strong>
        {(['on-track', 'at-risk', 'off-track'] as const).map((st) => (
          <span style={`color:${STATUS_INK[st]}`}>{STATUS_LABELS[st]}</span>
        ))}
      </span>
      <span>
        <svg width="34" height="10" aria-hidden="true">
          <path d="M1 5H33" stroke="#b7c0cf" stroke-width="2" />
        </svg>
        aligned to (placed under its first parent)
      </span>
      <span>
        <svg width="34" height="10" aria-hidden="true">
          <path d="M1 5H33" stroke="#7048e8" stroke-width="2" stroke-dasharray="6 4" />
        </svg>
        also aligned to another parent (“also …” on the card)
      </span>
      <span>
        <svg width="22" height="14" aria-hidden="true">
          <rect x="1" y="1" width="20" height="12" rx="3" fill="#fff" stroke="#e8a33d" stroke-width="1.5" stroke-dasharray="4 2" />
        </svg>
        stale sheet (last good values)
      </span>
      {props.collapsed ? <span>Scores are rolled up: each includes everything aligned beneath it.</span> : null}
    </div>
  );
}
