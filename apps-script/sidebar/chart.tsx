// Score over time for one key result: inline SVG (nothing to load), y axis 0–1, labelled.
// When the period is known the x axis spans it and a dashed line shows the score expected by
// each day (status against time); otherwise it spans the check-ins.
import { GRADE_COLORS, gradeFor, successScore } from '../../shared/grades.ts';
import type { Kind, Period } from '../../shared/schemas.ts';
import type { CheckinEntry } from './contract.ts';
import { scoreText, shortDate } from './format.ts';

const W = 260;
const H = 120;
const PAD = { left: 26, right: 8, top: 8, bottom: 20 };
const DAY_MS = 86_400_000;

export interface ChartProps {
  id: string;
  history: readonly CheckinEntry[];
  period: Period | null;
  kind: Kind;
}

export function ScoreChart({ id, history, period, kind }: ChartProps) {
  const points = history
    .filter((h) => h.score !== null && !Number.isNaN(Date.parse(h.timestamp)))
    .map((h) => ({ t: Date.parse(h.timestamp), score: Math.min(1, Math.max(0, h.score!)), label: h.timestamp }))
    .sort((a, b) => a.t - b.t);
  if (points.length === 0) return <p class="muted">No scored check-ins to chart yet.</p>;

  const pStart = period ? Date.parse(`${period.start}T00:00:00`) : Number.NaN;
  const pEnd = period ? Date.parse(`${period.end}T00:00:00`) + DAY_MS : Number.NaN;
  const first = points[0]!.t;
  const last = points[points.length - 1]!.t;
  const usePeriod = Number.isFinite(pStart) && Number.isFinite(pEnd) && pEnd > pStart;
  let x0 = usePeriod ? Math.min(pStart, first) : first;
  let x1 = usePeriod ? Math.max(pEnd, last) : last;
  if (x1 - x0 < DAY_MS) {
    x0 -= DAY_MS;
    x1 += DAY_MS;
  }
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  const x = (t: number) => round(PAD.left + ((t - x0) / (x1 - x0)) * iw);
  const y = (s: number) => round(PAD.top + (1 - s) * ih);
  const line = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.t)} ${y(p.score)}`).join(' ');
  const latest = points[points.length - 1]!;
  const color = GRADE_COLORS[gradeFor(latest.score, kind) ?? 'red'].bar;
  const titleId = `${id}-title`;
  const summary = `Score over time: ${points.map((p) => `${scoreText(p.score)} on ${shortDate(p.label)}`).join(', ')}.`;

  return (
    <figure class="chart-box">
      <svg class="chart" viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby={titleId}>
        <title id={titleId}>{summary}</title>
        {[0, 0.5, 1].map((s) => (
          <g>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(s)} y2={y(s)} class="grid" />
            <text x={PAD.left - 4} y={y(s) + 3} class="axis" text-anchor="end">
              {String(s)}
            </text>
          </g>
        ))}
        {usePeriod && (
          <line
            x1={x(pStart)}
            y1={y(0)}
            x2={x(pEnd)}
            y2={y(successScore(kind))}
            class="expected"
          >
            <title>Expected score by each day of the period</title>
          </line>
        )}
        <text x={PAD.left} y={H - 5} class="axis">
          {shortDate(new Date(x0).toISOString())}
        </text>
        <text x={W - PAD.right} y={H - 5} class="axis" text-anchor="end">
          {shortDate(new Date(x1 - (usePeriod ? DAY_MS : 0)).toISOString())}
        </text>
        <path d={line} fill="none" stroke={color} stroke-width="2" class="line" />
        {points.map((p) => (
          <circle cx={x(p.t)} cy={y(p.score)} r="3" fill={color}>
            <title>{`${scoreText(p.score)} on ${shortDate(p.label)}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption class="legend">
        <span class="swatch" style={`background:${color}`} />
        Score at each check-in
        {usePeriod && (
          <>
            <span class="swatch dashed" />
            Expected by then
          </>
        )}
      </figcaption>
    </figure>
  );
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
