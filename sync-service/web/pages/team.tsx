// GET /teams/:team — a team's objectives with their key results, its trend, check-ins and problems.
import type { AlignedObjective } from '../../../shared/schemas.ts';
import type { StoredCheckin } from '../../db/types.ts';
import type { DocumentTeam } from '../../engine/document.ts';
import { Crumbs, Panel, ScoreChip, StatusPill } from '../components/bits.tsx';
import { Layout, syncedLayout } from '../components/layout.tsx';
import { CheckinsTable, KrTable, ProblemsTable } from '../components/tables.tsx';
import { MultiTrendChart, sourceNote, trendFor } from '../components/trend.tsx';
import type { ViewData } from '../data.ts';
import { domId, fmtNumber, objectiveHref, plural, problemsHref } from '../format.ts';
import type { Point } from '../trends.ts';

export interface TeamProps {
  data: ViewData;
  company: string;
  team: DocumentTeam;
  history: Map<string, Point[]>;
}

/** Each KR's latest check-in time, by KR id, for one team. */
export function lastCheckins(checkins: readonly StoredCheckin[], team: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of checkins) {
    if (c.team !== team || !c.krId) continue;
    const prev = out.get(c.krId);
    if (!prev || Date.parse(c.timestamp) > Date.parse(prev)) out.set(c.krId, c.timestamp);
  }
  return out;
}

export function ObjectiveLinks(props: { keys: readonly string[]; data: ViewData; empty: string }) {
  const items = props.keys.map((k) => props.data.byKey.get(k)).filter((o): o is AlignedObjective => o !== undefined);
  if (items.length === 0) return <p class="empty">{props.empty}</p>;
  return (
    <ul class="obj-list">
      {items.map((o) => (
        <li>
          <ScoreChip score={o.rolledScore} grade={o.grade} />
          <span class="grow">
            <a href={objectiveHref(o.key)}>{`${o.id} · ${o.title}`}</a>
            <span class="muted small"> · {o.team}</span>
          </span>
          <StatusPill status={o.status} />
        </li>
      ))}
    </ul>
  );
}

function ObjectiveBlock(props: { o: AlignedObjective; data: ViewData; last: Map<string, string> }) {
  const { o, data } = props;
  const problems = data.doc.problems.filter((p) => p.team === o.team && p.objectiveId === o.id);
  return (
    <article class="objective-block" id={domId('obj', o.key)} aria-labelledby={domId('obj-title', o.key)}>
      <h3 id={domId('obj-title', o.key)}>
        <ScoreChip score={o.rolledScore} grade={o.grade} />
        <a href={objectiveHref(o.key)}>{o.title || '(untitled)'}</a>
        <span class="muted small">{o.id}</span>
        <StatusPill status={o.status} />
      </h3>
      <ul class="facts">
        <li>
          Kind <strong>{o.kind}</strong>
        </li>
        {o.owner ? (
          <li>
            Owner <strong>{o.owner}</strong>
          </li>
        ) : null}
        {o.weight !== 1 ? (
          <li>
            Weight <strong>{fmtNumber(o.weight)}</strong>
          </li>
        ) : null}
        <li>
          Aligns to{' '}
          {o.parents.length ? (
            o.parents.map((k, i) => (
              <>
                {i ? ', ' : ''}
                <a href={objectiveHref(k)}>{data.byKey.get(k)?.id ?? k}</a>
              </>
            ))
          ) : (
            <span class="pill stale">nothing</span>
          )}
        </li>
        {o.children.length ? <li>{plural(o.children.length, 'objective')} aligned beneath</li> : null}
      </ul>
      <KrTable krs={o.keyResults} lastCheckin={props.last} caption={`Key results of ${o.id}`} />
      {problems.length ? (
        <ul class="small">
          {problems.map((p) => (
            <li>
              <span class={`sev sev-${p.severity}`}>{p.severity}</span> {p.message}
              {p.why ? <span class="muted"> — {p.why}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}

export function TeamPage(props: TeamProps) {
  const { data, team } = props;
  const objectives = data.doc.objectives.filter((o) => o.team === team.team);
  const problems = data.doc.problems.filter((p) => p.team === team.team);
  const checkins = data.checkins.filter((c) => c.team === team.team);
  const last = lastCheckins(data.checkins, team.team);
  const stale = data.doc.staleTeams.find((s) => s.team === team.team);
  const asOf = Date.parse(data.doc.asOf);
  const items = objectives.map((o) => ({ objective: o, trend: trendFor(o.key, props.history, data.replay) }));
  const snapshots = Math.max(0, ...objectives.map((o) => props.history.get(o.key)?.length ?? 0));
  const keyResults = new Map(objectives.flatMap((o) => o.keyResults.map((k) => [k.id, k] as const)));
  return (
    <Layout
      title={team.team}
      company={props.company}
      active="teams"
      {...syncedLayout(data)}
    >
      <Crumbs items={[{ href: '/', label: 'Alignment' }, { href: '/teams', label: 'Teams' }, { label: team.team }]} />
      <section class="panel">
        <div class="page-head">
          <div>
            <p class="eyebrow muted">{team.isCompany ? 'Company objectives' : 'Team'}</p>
            <h1>{team.team}</h1>
            <ul class="facts">
              <li>
                <strong>{plural(team.objectives, 'objective')}</strong>
              </li>
              <li>
                <strong>{plural(team.keyResults, 'key result')}</strong>
              </li>
              {team.isCompany ? null : (
                <li>
                  <strong>
                    {team.aligned} of {team.objectives}
                  </strong>{' '}
                  aligned to company objectives
                </li>
              )}
              {team.source ? (
                <li>
                  Sheet <strong>{team.source}</strong>
                </li>
              ) : null}
              <li>
                <a href={problemsHref({ team: team.team })}>{plural(team.errors + team.warnings, 'problem')}</a>
              </li>
            </ul>
          </div>
          <div class="head-score">
            <ScoreChip score={team.score} big label="Team score" />
            <div class="muted small">team score</div>
          </div>
        </div>
      </section>
      {stale ? (
        <section class="warning" role="status">
          <strong>This team's sheet could not be read in the last sync:</strong> {stale.reason}.{' '}
          {stale.hasSnapshot ? `These are its last good values${stale.lastGoodSyncId ? ` (sync #${stale.lastGoodSyncId})` : ''}.` : ''}
        </section>
      ) : null}
      <Panel
        id="team-trend"
        title="Score over time"
        intro={`Each objective's rolled-up score. ${sourceNote(items[0]?.trend.source ?? 'snapshots', snapshots)}`}
      >
        <div class="chart">
          <MultiTrendChart id="team-chart" title={`${team.team}: objectives' scores over time`} items={items} period={data.doc.period} asOf={asOf} />
        </div>
      </Panel>
      <Panel id="objectives" title="Objectives and key results">
        {objectives.length ? objectives.map((o) => <ObjectiveBlock o={o} data={data} last={last} />) : <p class="empty">No objectives in this sheet.</p>}
      </Panel>
      <Panel id="checkins" title="Check-ins" intro={`${plural(checkins.length, 'check-in')} recorded from the team's Check-ins tab.`}>
        <CheckinsTable checkins={checkins} limit={30} keyResults={keyResults} />
      </Panel>
      <Panel id="problems" title="Problems" intro="What to fix or improve in this team's sheet.">
        <ProblemsTable problems={problems} showTeam={false} />
      </Panel>
    </Layout>
  );
}
