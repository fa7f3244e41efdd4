// GET /periods — quarter over quarter: the company's score, each company objective's and each
// team's, period by period, as a table of scores with small bars (readable without JavaScript).
import { Crumbs, Panel, ScoreBar, ScoreChip } from '../components/bits.tsx';
import { Layout, syncedLayout } from '../components/layout.tsx';
import type { ViewData } from '../data.ts';
import type { QuarterOverQuarter, QuarterRow } from '../../engine/quarters.ts';

function Cell(props: { score: number | null; present: boolean }) {
  if (!props.present) return <td class="qoq-absent">—</td>;
  return (
    <td>
      <ScoreChip score={props.score} /> <ScoreBar score={props.score} />
    </td>
  );
}

function QuarterTable(props: { qoq: QuarterOverQuarter; rows: QuarterRow[]; head: string; caption: string }) {
  return (
    <div class="table-wrap">
      <table class="qoq">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.head}</th>
            {props.qoq.periods.map((p) => (
              <th scope="col">
                <a href={p.current ? '/' : `/?period=${encodeURIComponent(p.label)}`}>{p.label}</a>
                {p.current ? <span class="pill">current</span> : <span class="badge-closed">closed</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <th scope="row">{r.key === r.title ? r.key : `${r.key} · ${r.title}`}</th>
              {r.scores.map((s, i) => (
                <Cell score={s} present={r.present[i] ?? false} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PeriodsPage(props: { data: ViewData; company: string; qoq: QuarterOverQuarter }) {
  const { qoq } = props;
  const overall: QuarterRow = { key: 'Company score', title: 'Company score', scores: qoq.overall, present: qoq.overall.map(() => true) };
  return (
    <Layout title="Quarter over quarter" company={props.company} {...syncedLayout(props.data)}>
      <Crumbs items={[{ href: '/', label: 'Alignment' }, { label: 'Quarter over quarter' }]} />
      <Panel
        id="qoq-company"
        title="Quarter over quarter"
        intro="Each period's roll-up as its OKR tabs hold it: the company score (the mean of the company objectives' rolled-up scores), each company objective's and each team's score. Past periods are closed: the record."
      >
        <QuarterTable qoq={qoq} rows={[overall, ...qoq.company]} head="Company objective" caption="Company objectives by period" />
      </Panel>
      <Panel id="qoq-teams" title="Teams by period" intro="A team's score is the mean of its objectives' own scores in that period.">
        <QuarterTable qoq={qoq} rows={qoq.teams} head="Team" caption="Teams by period" />
      </Panel>
    </Layout>
  );
}
