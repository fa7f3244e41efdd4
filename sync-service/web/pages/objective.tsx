// GET /objectives/:key — one objective: parents and children, key results, history, check-ins.
import { GRADE_LABELS } from '../../../shared/grades.ts';
import type { AlignedObjective } from '../../../shared/schemas.ts';
import { Crumbs, Panel, ScoreChip, StatusPill } from '../components/bits.tsx';
import { Layout, syncedLayout } from '../components/layout.tsx';
import { CheckinsTable, KrTable, ProblemsTable } from '../components/tables.tsx';
import { ObjectiveTrendChart, sourceNote, trendFor } from '../components/trend.tsx';
import type { ViewData } from '../data.ts';
import { fmtNumber, fmtScore, objectiveHref, teamHref } from '../format.ts';
import type { Point } from '../trends.ts';
import { lastCheckins, ObjectiveLinks } from './team.tsx';

export interface ObjectiveProps {
  data: ViewData;
  company: string;
  objective: AlignedObjective;
  alsoMatching: string[];
  history: Map<string, Point[]>;
}

/** A closed quarter's objective carries at least one of the closing fields. */
const closed = (o: AlignedObjective): boolean => o.finalScore !== undefined || !!o.learning || o.carryOn !== undefined;

export function ObjectivePage(props: ObjectiveProps) {
  const { data, objective: o } = props;
  const krIds = new Set(o.keyResults.map((k) => k.id));
  const checkins = data.checkins.filter((c) => c.team === o.team && (c.objectiveId === o.id || (c.krId !== null && c.krId !== undefined && krIds.has(c.krId))));
  const problems = data.doc.problems.filter((p) => p.team === o.team && p.objectiveId === o.id);
  const trend = trendFor(o.key, props.history, data.replay);
  const stale = data.staleTeams.has(o.team);
  const keyResults = new Map(o.keyResults.map((k) => [k.id, k] as const));
  return (
    <Layout
      title={`${o.id} ${o.title}`}
      company={props.company}
      {...syncedLayout(data)}
    >
      <Crumbs items={[{ href: '/', label: 'Alignment' }, { href: teamHref(o.team), label: o.team }, { label: o.id }]} />
      <section class="panel">
        <div class="page-head">
          <div>
            <p class="eyebrow muted">
              {o.isCompany ? 'Company objective' : <a href={teamHref(o.team)}>{o.team}</a>} · {o.id}
            </p>
            <h1>{o.title || '(untitled)'}</h1>
            <ul class="facts">
              {o.owner ? (
                <li>
                  Owner <strong>{o.owner}</strong>
                </li>
              ) : null}
              <li>
                Kind <strong>{o.kind}</strong>
              </li>
              <li>
                Own score (key results) <strong>{fmtScore(o.score)}</strong>
              </li>
              <li>
                Expected by now <strong>{fmtScore(o.expected)}</strong>
              </li>
              {o.weight !== 1 ? (
                <li>
                  Weight <strong>{fmtNumber(o.weight)}</strong>
                </li>
              ) : null}
              {o.notes ? <li>{o.notes}</li> : null}
            </ul>
          </div>
          <div class="head-score">
            <ScoreChip score={o.rolledScore} grade={o.grade} big label="Rolled-up score" />
            <div class="small">
              {o.grade ? GRADE_LABELS[o.grade] : 'Not scored'} · <StatusPill status={o.status} />
            </div>
          </div>
        </div>
      </section>
      {stale ? (
        <section class="warning" role="status">
          <strong>{o.team}'s sheet could not be read in the last sync:</strong> these are its last good values.
        </section>
      ) : null}
      {o.inCycle ? (
        <section class="warning" role="status">
          Some of this objective's Aligns To links form a cycle; those links are ignored for the roll-up.
        </section>
      ) : null}
      {props.alsoMatching.length ? (
        <p class="note">
          The id {o.id} is used by more than one objective; also:{' '}
          {props.alsoMatching.map((k, i) => (
            <>
              {i ? ', ' : ''}
              <a href={objectiveHref(k)}>{k}</a>
            </>
          ))}
        </p>
      ) : null}
      <div class="links-grid">
        <Panel id="parents" title="Aligns to">
          <ObjectiveLinks
            keys={o.parents}
            data={data}
            empty={o.isCompany ? 'A company objective: it serves the mission.' : 'Nothing: this objective does not count towards any company objective.'}
          />
        </Panel>
        <Panel id="children" title="Aligned beneath">
          <ObjectiveLinks keys={o.children} data={data} empty="No objectives align to this one." />
        </Panel>
      </div>
      {closed(o) ? (
        <Panel id="closing" title="Quarter closed" intro="Graded when the quarter was closed (the tab's Final Score, Learning and Carry On columns).">
          <ul class="facts">
            <li>
              Final score <ScoreChip score={o.finalScore ?? null} kind={o.kind} label="Final score" />
            </li>
            <li>
              Carries on <strong>{o.carryOn === undefined ? 'not set' : o.carryOn ? 'yes' : 'no'}</strong>
            </li>
          </ul>
          <p class="learning">
            What we learned: <strong>{o.learning || '(not written)'}</strong>
          </p>
        </Panel>
      ) : null}
      <Panel id="key-results" title="Key results">
        <KrTable krs={o.keyResults} lastCheckin={lastCheckins(data.checkins, o.team)} caption={`Key results of ${o.id}`} />
      </Panel>
      <Panel id="history" title="Score over time" intro={sourceNote(trend.source, props.history.get(o.key)?.length ?? 0)}>
        <div class="chart">
          <ObjectiveTrendChart
            id="objective-chart"
            objective={o}
            trend={trend}
            period={data.doc.period}
            asOf={Date.parse(data.doc.asOf)}
            width={1260}
            height={280}
            legend
          />
        </div>
      </Panel>
      <Panel id="checkins" title="Check-ins">
        <CheckinsTable checkins={checkins} limit={40} keyResults={keyResults} />
      </Panel>
      {problems.length ? (
        <Panel id="problems" title="Problems">
          <ProblemsTable problems={problems} showTeam={false} />
        </Panel>
      ) : null}
    </Layout>
  );
}
