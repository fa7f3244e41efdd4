// A small line chart of scores over time, in inline SVG: axes with ticks and labels, the grade
// zones behind, the expected pace (dashed), a "now" marker, and a legend. role="img" with a
// <title> and a <desc> that says what the lines show.
import { GRADE_THRESHOLDS, successScore } from '../../../shared/grades.ts';
import type { Kind } from '../../../shared/schemas.ts';
import { fmtDay, fmtScore } from '../format.ts';
import type { Point } from '../trends.ts';

export interface ChartSeries {
  label: string;
  color: string;
  points: readonly Point[];
  /** Draw a dot at each point (stored snapshots). */
  dots?: boolean;
  /** Dots only, no line. */
  dotsOnly?: boolean;
  thin?: boolean;
}

export interface ChartProps {
  id: string;
  title: string;
  desc: string;
  domain: [number, number];
  series: readonly ChartSeries[];
  /** Draws the grade zones and the expected pace for this kind. */
  kind?: Kind;
  /** Show the expected-pace line (only meaningful when the domain is the period). */
  expected?: boolean;
  asOf?: number;
  width?: number;
  height?: number;
  legend?: boolean;
  /** Write each line's last value at its end. */
  endLabels?: boolean;
}

export const PALETTE = ['#3451b2', '#e8590c', '#2b8a3e', '#ae3ec9', '#1098ad', '#c2255c', '#5c940d', '#d9480f', '#495057', '#0b7285'];

const DAY = 86_400_000;
const r1 = (n: number) => Math.round(n * 10) / 10;

/** Tick times for a span: month starts for long spans, weeks for a few weeks, else days. */
export function timeTicks(d0: number, d1: number, max = 7): number[] {
  const span = (d1 - d0) / DAY;
  const out: number[] = [];
  if (span > 45) {
    const start = new Date(d0);
    const y = start.getUTCFullYear();
    let m = start.getUTCMonth();
    if (Date.UTC(y, m, 1) < d0) m++;
    const months: number[] = [];
    for (let t = Date.UTC(y, m, 1); t <= d1; t = Date.UTC(y, ++m, 1)) months.push(t);
    const step = Math.max(1, Math.ceil(months.length / max));
    for (let i = 0; i < months.length; i += step) out.push(months[i]!);
    return out;
  }
  const unit = span > 10 ? 7 : 1;
  const step = unit * Math.max(1, Math.ceil(span / unit / max));
  for (let t = d0; t <= d1 + 1; t += step * DAY) out.push(t);
  return out;
}

function linePath(points: readonly Point[], sx: (t: number) => number, sy: (v: number) => number): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.v === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${r1(sx(p.t))} ${r1(sy(p.v))}`;
    pen = true;
  }
  return d;
}

/** Each line's last value at its end, nudged apart so labels never overlap. */
function endLabels(series: readonly ChartSeries[], sx: (t: number) => number, sy: (v: number) => number, top: number, bottom: number) {
  const labels = series
    .filter((s) => !s.dotsOnly)
    .map((s) => {
      const last = [...s.points].reverse().find((p) => p.v !== null);
      return last && last.v !== null ? { x: sx(last.t) + 8, y: sy(last.v), text: fmtScore(last.v), color: s.color } : null;
    })
    .filter((l) => l !== null)
    .sort((a, b) => a.y - b.y);
  const gap = 12;
  for (let i = 1; i < labels.length; i++) labels[i]!.y = Math.max(labels[i]!.y, labels[i - 1]!.y + gap);
  const overflow = (labels[labels.length - 1]?.y ?? 0) - bottom;
  if (overflow > 0) for (const l of labels) l.y -= overflow;
  for (let i = labels.length - 2; i >= 0; i--) labels[i]!.y = Math.min(labels[i]!.y, labels[i + 1]!.y - gap);
  for (const l of labels) l.y = Math.max(l.y, top);
  return labels;
}

const ZONE_FILL = { red: '#fdf1f0', yellow: '#fff8e5', green: '#eaf6ee' } as const;

export function LineChart(props: ChartProps) {
  const W = props.width ?? 560;
  const legendItems = props.legend
    ? [
        ...props.series.map((s) => ({ label: s.label, color: s.color, kind: s.dotsOnly ? 'dot' : 'line' })),
        ...(props.expected && props.kind ? [{ label: 'expected pace', color: '#6b7280', kind: 'dash' }] : []),
      ]
    : [];
  // The legend is HTML below the drawing (it wraps with the page, so it never overlaps the axis
  // or itself at any width, and stays readable where the drawing is scaled down).
  const H = props.height ?? 210;
  const m = { l: 38, r: props.endLabels ? 40 : 14, t: 12, b: 26 };
  const iw = W - m.l - m.r;
  const ih = H - m.t - m.b;
  const [d0, d1] = props.domain;
  const sx = (t: number) => m.l + ((t - d0) / (d1 - d0 || 1)) * iw;
  const sy = (v: number) => m.t + (1 - Math.min(1, Math.max(0, v))) * ih;
  const yTicks = [0, 0.25, 0.5, 0.75, 1];
  const xTicks = timeTicks(d0, d1);
  const kind = props.kind;
  const th = kind ? GRADE_THRESHOLDS[kind] : null;

  const svg = (
    <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-labelledby={`${props.id}-t ${props.id}-d`} xmlns="http://www.w3.org/2000/svg">
      <title id={`${props.id}-t`}>{props.title}</title>
      <desc id={`${props.id}-d`}>{props.desc}</desc>
      {th ? (
        <g>
          <rect x={m.l} y={r1(sy(th.yellow))} width={iw} height={r1(sy(0) - sy(th.yellow))} fill={ZONE_FILL.red} />
          <rect x={m.l} y={r1(sy(th.green))} width={iw} height={r1(sy(th.yellow) - sy(th.green))} fill={ZONE_FILL.yellow} />
          {th.green < 1 ? <rect x={m.l} y={r1(sy(1))} width={iw} height={r1(sy(th.green) - sy(1))} fill={ZONE_FILL.green} /> : null}
        </g>
      ) : null}
      {yTicks.map((v) => (
        <g>
          <line class="grid" x1={m.l} x2={m.l + iw} y1={r1(sy(v))} y2={r1(sy(v))} />
          <text x={m.l - 6} y={r1(sy(v) + 4)} text-anchor="end">
            {v === 0 ? '0' : v.toFixed(2)}
          </text>
        </g>
      ))}
      {xTicks.map((t) => (
        <g>
          <line class="axis" x1={r1(sx(t))} x2={r1(sx(t))} y1={m.t + ih} y2={m.t + ih + 5} />
          <text x={r1(sx(t))} y={m.t + ih + 18} text-anchor="middle">
            {fmtDay(t)}
          </text>
        </g>
      ))}
      <line class="axis" x1={m.l} x2={m.l + iw} y1={m.t + ih} y2={m.t + ih} />
      <line class="axis" x1={m.l} x2={m.l} y1={m.t} y2={m.t + ih} />
      {props.expected && kind ? <path class="expected" d={`M${r1(sx(d0))} ${r1(sy(0))}L${r1(sx(d1))} ${r1(sy(successScore(kind)))}`} /> : null}
      {props.asOf !== undefined && props.asOf >= d0 && props.asOf <= d1 ? (
        <g>
          <line class="now" x1={r1(sx(props.asOf))} x2={r1(sx(props.asOf))} y1={m.t} y2={m.t + ih} />
          <text x={r1(sx(props.asOf) + (sx(props.asOf) > m.l + iw - 30 ? -4 : 4))} y={m.t + 10} text-anchor={sx(props.asOf) > m.l + iw - 30 ? 'end' : 'start'}>
            now
          </text>
        </g>
      ) : null}
      {props.series.map((s) =>
        s.dotsOnly ? null : <path class="line" d={linePath(s.points, sx, sy)} stroke={s.color} stroke-width={s.thin ? 1.6 : undefined} />,
      )}
      {props.series.map((s) =>
        s.dots || s.dotsOnly
          ? s.points.map((p) => (p.v === null ? null : <circle cx={r1(sx(p.t))} cy={r1(sy(p.v))} r="3.2" fill="#fff" stroke={s.color} stroke-width="2" />))
          : null,
      )}
      {endLabels(props.endLabels ? props.series : [], sx, sy, m.t, m.t + ih).map((l) => (
        <text class="end-label" x={r1(l.x)} y={r1(l.y + 4)} fill={l.color}>
          {l.text}
        </text>
      ))}
    </svg>
  );
  if (legendItems.length === 0) return svg;
  return (
    <div class="chart-box">
      {svg}
      <ul class="chart-legend" aria-hidden="true">
        {legendItems.map((it) => (
          <li>
            <svg width="26" height="10" aria-hidden="true">
              {it.kind === 'dot' ? (
                <circle cx="13" cy="5" r="3.2" fill="#fff" stroke={it.color} stroke-width="2" />
              ) : (
                <line x1="1" x2="25" y1="5" y2="5" stroke={it.color} stroke-width="2.4" stroke-dasharray={it.kind === 'dash' ? '5 4' : undefined} />
              )}
            </svg>
            {it.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
