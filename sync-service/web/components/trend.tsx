// Trend charts for objectives: the stored history when there is enough of it, else the quarter
// replayed from check-ins with the stored snapshots as dots (the choice is trendFor's, in ../trends.ts).
import type { AlignedObjective, Period } from '../../../shared/schemas.ts';
import { fmtDate, fmtScore } from '../format.ts';
import { type Point, type Trend, type TrendSourceKind, timeDomain } from '../trends.ts';

export { type Trend, type TrendSourceKind, trendFor } from '../trends.ts';
import { type ChartSeries, LineChart, PALETTE } from './chart.tsx';

export function sourceNote(source: TrendSourceKind, snapshots: number): string {
  if (source === 'history') return `From the stored sync history (${snapshots} snapshots).`;
  if (source === 'check-ins')
    return `Replayed week by week from the teams' check-ins (a key result counts 0 until its first check-in); the dots are stored sync snapshots (${snapshots} so far).`;
  return 'From the stored sync snapshots; history builds up with each sync.';
}

function describe(label: string, points: readonly Point[]): string {
  const known = points.filter((p) => p.v !== null);
  const first = known[0];
  const last = known[known.length - 1];
  if (!first || !last) return `${label}: no scores yet.`;
  if (first === last) return `${label}: ${fmtScore(last.v)} on ${fmtDate(last.t)}.`;
  return `${label}: from ${fmtScore(first.v)} on ${fmtDate(first.t)} to ${fmtScore(last.v)} on ${fmtDate(last.t)}.`;
}

export function allTimes(trends: readonly Trend[]): number[] {
  return trends.flatMap((t) => [...t.line, ...t.dots].map((p) => p.t));
}

/** One objective's score over the period. */
export function ObjectiveTrendChart(props: {
  id: string;
  objective: AlignedObjective;
  trend: Trend;
  period: Period | null;
  asOf: number;
  width?: number;
  height?: number;
  legend?: boolean;
}) {
  const { objective: o, trend } = props;
  const domain = timeDomain(props.period, allTimes([trend]));
  if (!domain) return <p class="empty">No scores recorded yet.</p>;
  const series: ChartSeries[] = [
    { label: trend.source === 'check-ins' ? 'score (from check-ins)' : 'score', color: PALETTE[0]!, points: trend.line, dots: trend.source !== 'check-ins' },
  ];
  if (trend.source === 'check-ins' && trend.dots.length) series.push({ label: 'stored snapshot', color: '#13224a', points: trend.dots, dotsOnly: true });
  return (
    <LineChart
      id={props.id}
      title={`${o.id} score over time`}
      desc={describe(`${o.id} ${o.title}`, trend.line)}
      domain={domain}
      series={series}
      kind={o.kind}
      expected={props.period !== null}
      asOf={props.asOf}
      width={props.width}
      height={props.height}
      legend={props.legend}
      endLabels
    />
  );
}

/** Several objectives on one chart (a team's), one colour each, with a legend. */
export function MultiTrendChart(props: {
  id: string;
  title: string;
  items: { objective: AlignedObjective; trend: Trend }[];
  period: Period | null;
  asOf: number;
}) {
  const domain = timeDomain(props.period, allTimes(props.items.map((i) => i.trend)));
  if (!domain || props.items.length === 0) return <p class="empty">No scores recorded yet.</p>;
  const series: ChartSeries[] = props.items.map((it, i) => ({
    label: `${it.objective.id} ${it.objective.title}`,
    color: PALETTE[i % PALETTE.length]!,
    points: it.trend.line,
    dots: it.trend.source !== 'check-ins',
  }));
  return (
    <LineChart
      id={props.id}
      title={props.title}
      desc={props.items.map((it) => describe(it.objective.id, it.trend.line)).join(' ')}
      domain={domain}
      series={series}
      kind="aspirational"
      asOf={props.asOf}
      width={1260}
      height={300}
      legend
      endLabels
    />
  );
}
