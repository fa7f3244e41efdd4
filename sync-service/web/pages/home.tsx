// GET / — the company at a glance: header, alignment diagram, alignment health, trends, teams.
import { GRADE_LABELS, gradeFor } from '../../../shared/grades.ts';
import type { Status } from '../../../shared/schemas.ts';
import { elapsedFraction, STATUS_LABELS } from '../../../shared/status.ts';
import { Panel, ScoreBar, ScoreChip, StatusPill, Time } from '../components/bits.tsx';
import { PALETTE } from '../components/chart.tsx';
import { type DiagramContext, DiagramLegend, DiagramSvg } from '../components/diagram.tsx';
import { Layout, syncedLayout } from '../components/layout.tsx';
import { TeamsTable } from '../components/tables.tsx';
import { ObjectiveTrendChart, sourceNote, trendFor } from '../components/trend.tsx';
import type { ViewData } from '../data.ts';
import { detailLayout, overviewLayout } from '../diagram-layout.ts';
import { domId, fmtDate, fmtScore, gradeColors, objectiveHref, pct, plural, problemsHref, relativeTime, teamHref } from '../format.ts';
import { STALE_AFTER_DAYS } from '../health.ts';
import { type PlacedNode, walkPlaced } from '../placement.ts';

export interface HomeProps {
  data: ViewData;
  company: string;
  now: Date;
}

function Gauge(props: { score: number | null }) {
  const grade = gradeFor(props.score);
  const c = gradeColors(grade);
  const R = 54;
  const C = 2 * Math.PI * R;
  const f = props.score === null ? 0 : Math.min(1, Math.max(0, props.score));
  return (
    <div class="gauge">
      <svg width="150" height="150" viewBox="0 0 150 150" role="img" aria-labelledby="gauge-t">
        <title id="gauge-t">{`Overall score ${fmtScore(props.score)}${grade ? `: ${GRADE_LABELS[grade]}` : ''}`}</title>
        <circle cx="75" cy="75" r={R} fill="none" stroke="rgba(255,255,255,.16)" stroke-width="14" />
        <circle
          cx="75"
          cy="75"
          r={R}
          fill="none"
          stroke={c.bar}
          stroke-width="14"
          stroke-linecap="round"
          stroke-dasharray={`${(f * C).toFixed(1)} ${C.toFixed(1)}`}
          transform="rotate(-90 75 75)"
        />
        <text x="75" y="84" text-anchor="middle" font-size="32" font-weight="750" fill="#fff">
          {fmtScore(props.score)}
        </text>
        <text x="75" y="104" text-anchor="middle" font-size="11" fill="#cdd7f5">
          {grade ? GRADE_LABELS[grade] : 'not scored'}
        </text>
      </svg>
      <div class="gauge-label">Overall score</div>
    </div>
  );
}

function Hero(props: HomeProps) {
  const { doc, meta } = props.data;
  const asOf = new Date(doc.asOf);
  const f = elapsedFraction(doc.period, asOf);
  const end = doc.period ? Date.parse(`${doc.period.end}T00:00:00Z`) + 86_400_000 : null;
  const daysLeft = end === null ? null : Math.max(0, Math.ceil((end - asOf.getTime()) / 86_400_000));
  return (
    <header class="hero">
      <div>
        <p class="eyebrow">{doc.period ? `${doc.period.label ?? 'Period'} · ${fmtDate(doc.period.start)} – ${fmtDate(doc.period.end)}` : 'No period set'}</p>
        <h1>{props.company}</h1>
        <p class="mission">{doc.company.mission ?? 'No mission set yet.'}</p>
        {f !== null ? (
          <div class="elapsed">
            <div class="elapsed-label">
              <span>{`${pct(f)} of the period elapsed`}</span>
              <span>{daysLeft === null ? '' : `${plural(daysLeft, 'day')} left`}</span>
            </div>
            <div
              class="track"
              role="progressbar"
              aria-label="Time elapsed in the period"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(f * 100)}
            >
              <span style={`width:${(f * 100).toFixed(1)}%`} />
            </div>
          </div>
        ) : null}
        <StatusSummary data={props.data} />
        <p class="synced">
          Last sync <Time iso={meta.finishedAt} /> ({relativeTime(meta.finishedAt, props.now)}) · sync #{meta.syncId}
          {meta.status === 'partial' ? ' · partial: some sheets could not be read' : ''}
        </p>
      </div>
      <Gauge score={doc.overall} />
    </header>
  );
}

const STATUS_ORDER: Status[] = ['on-track', 'at-risk', 'off-track', 'not-started'];

/** How many objectives stand where, against the time elapsed. */
function StatusSummary(props: { data: ViewData }) {
  const counts = new Map<Status, number>();
  for (const o of props.data.doc.objectives) counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
  return (
    <ul class="status-summary" aria-label="Objectives by status">
      {STATUS_ORDER.filter((s) => counts.get(s)).map((s) => (
        <li class={`ss-${s}`}>
          <strong>{counts.get(s)}</strong> {STATUS_LABELS[s].toLowerCase()}
        </li>
      ))}
    </ul>
  );
}

function StaleWarning(props: { data: ViewData }) {
  const stale = props.data.doc.staleTeams;
  if (stale.length === 0) return null;
  return (
    <section class="warning" role="status" aria-labelledby="stale-title">
      <h2 id="stale-title">{plural(stale.length, 'team sheet')} could not be read in the last sync</h2>
      <ul>
        {stale.map((s) => (
          <li>
            <strong>{s.team}</strong> ({s.name}): {s.reason}.{' '}
            {s.hasSnapshot ? `Showing its last good version${s.lastGoodSyncId ? ` from sync #${s.lastGoodSyncId}` : ''}.` : 'Left out until it can be read.'}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Stats(props: { data: ViewData }) {
  const { doc, health } = props.data;
  const company = doc.objectives.filter((o) => o.isCompany).length;
  const krs = health.keyResults;
  return (
    <div class="stats">
      <div class="stat">
        <div class="stat-value">{pct(doc.coverage.ratio)}</div>
        <div class="stat-label">
          coverage: {doc.coverage.aligned} of {doc.coverage.teamObjectives} team objectives aligned
        </div>
      </div>
      <div class="stat">
        <div class="stat-value">{doc.objectives.length}</div>
        <div class="stat-label">
          objectives ({company} company · {doc.objectives.length - company} team)
        </div>
      </div>
      <div class="stat">
        <div class="stat-value">{krs}</div>
        <div class="stat-label">key results</div>
      </div>
      <div class="stat">
        <a href="/teams">
          <div class="stat-value">{doc.teams.filter((t) => !t.isCompany).length}</div>
          <div class="stat-label">teams</div>
        </a>
      </div>
      <div class="stat">
        <a href="/problems">
          <div class="stat-value">{doc.problems.length}</div>
          <div class="stat-label">
            problems ({health.errors} errors · {health.warnings} warnings)
          </div>
        </a>
      </div>
    </div>
  );
}

function diagramContext(props: HomeProps): DiagramContext {
  const { doc } = props.data;
  return {
    objectives: props.data.byKey,
    staleTeams: props.data.staleTeams,
    company: props.company,
    mission: doc.company.mission,
    overall: doc.overall,
    periodLabel: doc.period?.label ?? null,
  };
}

function AlignmentSection(props: HomeProps) {
  const { placement } = props.data;
  const ctx = diagramContext(props);
  const layout = overviewLayout(placement);
  const shared = placement.extraLinks.length;
  const tops = placement.tops;
  const desc = `${props.company}'s mission at the top, then ${plural(tops.length, placement.withoutCompany ? 'top-level objective' : 'company objective')}${
    layout.collapsed
      ? ', each with a summary of the objectives aligned beneath it (listed below the diagram)'
      : ` and the ${plural(placement.placedBeneath, 'objective')} aligned beneath them`
  }. ${shared ? `${plural(shared, 'dashed link')} show objectives that also align to a second parent.` : ''}`;
  const unalignedRoot: PlacedNode | null = placement.unaligned.length
    ? { key: '(unaligned)', objective: placement.unaligned[0]!.objective, children: placement.unaligned, otherParents: [] }
    : null;
  const unalignedCount = placement.unaligned.reduce((s, n) => s + count(n), 0);
  return (
    <Panel
      id="alignment"
      title="Alignment"
      intro={
        layout.collapsed
          ? `${plural(placement.placedBeneath, 'team objective')} are aligned beneath the company objectives: each column shows a summary; open a company objective below to see them all.`
          : 'Every team objective under the company objective it serves. Click a card for its key results and history.'
      }
      actions={
        <div class="toolbar" data-js-only hidden>
          <label class="visually-hidden" for="diagram-filter">
            Filter objectives
          </label>
          <input type="search" id="diagram-filter" placeholder="Filter by title, team, id or owner…" autocomplete="off" />
          <span id="filter-count" class="filter-count" aria-live="polite" />
          {layout.collapsed ? (
            <>
              <button type="button" class="btn" data-expand="all">
                Expand all
              </button>
              <button type="button" class="btn" data-expand="none">
                Collapse all
              </button>
            </>
          ) : null}
        </div>
      }
    >
      {placement.withoutCompany ? (
        <p class="note">
          No company sheet was found (a sheet with a Mission: line or Level: company), so the columns are the team objectives that align to nothing.
        </p>
      ) : null}
      <DiagramSvg id="diagram" layout={layout} title={`Alignment of ${props.company}`} desc={desc} ctx={ctx} />
      <DiagramLegend collapsed={layout.collapsed} />
      {layout.collapsed
        ? tops
            .filter((t) => t.children.length > 0)
            .map((top) => {
              const o = top.objective;
              const n = count(top) - 1;
              return (
                <details class="co-details" id={domId('co', top.key)}>
                  <summary>
                    <ScoreChip score={o.rolledScore} grade={o.grade} />
                    <span class="co-title">
                      {o.id} · {o.title}
                    </span>
                    <span class="muted small">{plural(n, 'objective')} aligned beneath</span>
                    <StatusPill status={o.status} />
                  </summary>
                  <Beneath
                    top={top}
                    n={n}
                    what={`are aligned beneath ${o.id}`}
                    diagram={() => (
                      <DiagramSvg
                        id={domId('diagram', top.key)}
                        layout={detailLayout(top, placement.extraLinks)}
                        title={`Objectives aligned beneath ${o.id}`}
                        desc={`${plural(n, 'objective')} aligned beneath ${o.id} ${o.title}.`}
                        ctx={ctx}
                      />
                    )}
                  />
                </details>
              );
            })
        : null}
      {unalignedRoot ? (
        <details class="co-details" id="co-unaligned" open={unalignedCount <= 12}>
          <summary>
            <span class="co-title">Not aligned to a company objective</span>
            <span class="muted small">{plural(unalignedCount, 'objective')}: set their Aligns To so they count towards the company's goals</span>
          </summary>
          <Beneath
            top={unalignedRoot}
            n={unalignedCount}
            what="reach no company objective"
            diagram={() => (
              <DiagramSvg
                id="diagram-unaligned"
                layout={detailLayout(unalignedRoot, placement.extraLinks)}
                title="Objectives not aligned to a company objective"
                desc={`${plural(unalignedCount, 'objective')} that reach no company objective.`}
                ctx={ctx}
              />
            )}
          />
        </details>
      ) : null}
    </Panel>
  );
}

/** Objectives placed in a subtree, itself included (iterative: chains can be thousands deep). */
function count(n: PlacedNode): number {
  let total = 0;
  for (const _ of walkPlaced([n])) total++;
  return total;
}

/**
 * Beyond this many objectives beneath one company objective, the home page shows a summary and
 * links to the objective's own page to drill down, instead of drawing them all: at 30,000
 * objectives the drawings were 30 MB of HTML and seconds of CPU per page.
 */
export const DETAIL_DIAGRAM_MAX = 400;

function Beneath(props: { top: PlacedNode; n: number; what: string; diagram: () => unknown }) {
  const o = props.top.objective;
  if (props.n <= DETAIL_DIAGRAM_MAX) return <>{props.diagram()}</>;
  const teams = new Set<string>();
  for (const { node } of walkPlaced(props.top.children)) teams.add(node.objective.team);
  return (
    <p class="note">
      {plural(props.n, 'objective')} from {plural(teams.size, 'team')} {props.what}: too many to draw here.{' '}
      {props.top.key === '(unaligned)' ? (
        <a href="/teams">Browse them team by team →</a>
      ) : (
        <a href={objectiveHref(o.key)}>Open {o.id} to browse them level by level →</a>
      )}
    </p>
  );
}

const LIST_MAX = 8;

function HealthSection(props: HomeProps) {
  const h = props.data.health;
  const cov = h.coverage;
  const stale = h.staleKrs;
  return (
    <Panel id="health" title="Alignment health" intro="How connected, fresh and well-formed the OKRs are.">
      <div class="health-grid">
        <div class="health-card">
          <h3>Coverage</h3>
          <div class="big-number">{pct(cov.ratio)}</div>
          <ScoreBar score={cov.ratio} grade={cov.ratio === null ? null : cov.ratio >= 0.9 ? 'green' : cov.ratio >= 0.7 ? 'yellow' : 'red'} wide />
          <p class="small muted">
            {cov.aligned} of {plural(cov.teamObjectives, 'team objective')} reach a company objective through their Aligns To links.
          </p>
        </div>
        <div class="health-card">
          <h3>
            Not aligned <span class="pill">{h.orphans.length}</span>
          </h3>
          {cov.teamObjectives === 0 ? (
            <p class="warning">No team objectives were rolled up: nothing to align.</p>
          ) : h.orphans.length === 0 ? (
            <p class="ok">Every team objective aligns to something. ✓</p>
          ) : (
            <ul class="compact">
              {h.orphans.slice(0, LIST_MAX).map((o) => (
                <li>
                  <a href={objectiveHref(o.key)}>{o.id}</a> {o.title}
                  <div class="why">{o.team}</div>
                </li>
              ))}
              {h.orphans.length > LIST_MAX ? <li class="muted">and {h.orphans.length - LIST_MAX} more</li> : null}
            </ul>
          )}
          {h.teamsWithoutAlignment.length ? (
            <>
              <p class="small">
                <strong>Teams with no aligned objective:</strong>
              </p>
              <ul>
                {h.teamsWithoutAlignment.slice(0, LIST_MAX).map((t) => (
                  <li>
                    <a href={teamHref(t)}>{t}</a>
                  </li>
                ))}
                {h.teamsWithoutAlignment.length > LIST_MAX ? <li class="muted">and {h.teamsWithoutAlignment.length - LIST_MAX} more</li> : null}
              </ul>
            </>
          ) : (
            <p class="small muted">Every team has at least one aligned objective.</p>
          )}
        </div>
        <div class="health-card">
          <h3>
            Stale key results <span class={stale.length ? 'pill stale' : 'pill'}>{stale.length}</span>
          </h3>
          <p class="small muted">
            {stale.length} of {plural(h.keyResults, 'key result')} have no check-in in the last {STALE_AFTER_DAYS} days (since {fmtDate(h.staleSince)}).
          </p>
          {stale.length ? (
            <ul class="compact">
              {stale.slice(0, LIST_MAX).map((s) => (
                <li>
                  <a href={objectiveHref(s.objective.key)}>{s.krId}</a> {s.title}
                  <div class="why">
                    {s.team} · {s.lastCheckin ? `last check-in ${fmtDate(s.lastCheckin)}` : 'never checked in'}
                  </div>
                </li>
              ))}
              {stale.length > LIST_MAX ? <li class="muted">and {stale.length - LIST_MAX} more (see each team's page)</li> : null}
            </ul>
          ) : h.keyResults === 0 ? (
            <p class="warning">No key results were rolled up.</p>
          ) : (
            <p class="ok">Every key result was checked in recently. ✓</p>
          )}
        </div>
        <div class="health-card">
          <h3>
            Quality hints{' '}
            <a href="/problems" class="small">
              all problems →
            </a>
          </h3>
          {h.hints.length === 0 ? (
            <p class="ok">No problems or hints. ✓</p>
          ) : (
            <ul class="hint-list">
              {h.hints.map((g) => (
                <li>
                  <span class={`sev sev-${g.severity}`}>{g.count}</span>{' '}
                  <a href={problemsHref({ code: g.code })}>
                    <code>{g.code}</code>
                  </a>{' '}
                  <span class="muted small">in {plural(g.teams, 'team')}</span>
                  <div class="why">{g.why ?? g.example}</div>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Panel>
  );
}

function TrendsSection(props: HomeProps) {
  const { placement, companyHistory, replay, doc } = props.data;
  const asOf = Date.parse(doc.asOf);
  const tops = placement.tops;
  if (tops.length === 0) return null;
  const trends = tops.map((t) => ({ top: t, trend: trendFor(t.key, companyHistory, replay) }));
  const snapshots = Math.max(0, ...tops.map((t) => companyHistory.get(t.key)?.length ?? 0));
  const source = trends[0]!.trend.source;
  return (
    <Panel id="trends" title="Trends" intro={`Each company objective's rolled-up score over ${doc.period?.label ?? 'time'}. ${sourceNote(source, snapshots)}`}>
      <div class="legend" aria-hidden="true" style="margin:0 0 12px">
        <span>
          <svg width="30" height="10" aria-hidden="true">
            <path d="M1 5H29" stroke={PALETTE[0]} stroke-width="2.4" />
          </svg>
          score
        </span>
        {source === 'check-ins' ? (
          <span>
            <svg width="12" height="12" aria-hidden="true">
              <circle cx="6" cy="6" r="3.5" fill="#fff" stroke="#13224a" stroke-width="2" />
            </svg>
            stored snapshot
          </span>
        ) : null}
        <span>
          <svg width="30" height="10" aria-hidden="true">
            <path d="M1 5H29" stroke="#6b7280" stroke-width="1.6" stroke-dasharray="5 4" />
          </svg>
          expected pace (0 at the start to success at the end)
        </span>
        <span>
          <i class="swatch" style="background:#eaf6ee;border:1px solid #cfe8d7" /> green 0.7 and up
        </span>
        <span>
          <i class="swatch" style="background:#fff8e5;border:1px solid #f3e2b0" /> yellow 0.4 to 0.7
        </span>
        <span>
          <i class="swatch" style="background:#fdf1f0;border:1px solid #f2cfcb" /> red below 0.4
        </span>
      </div>
      <div class="charts">
        {trends.map(({ top, trend }) => (
          <figure class="chart">
            <figcaption>
              <a href={objectiveHref(top.key)}>
                {top.objective.id} · {top.objective.title}
              </a>
              <ScoreChip score={top.objective.rolledScore} grade={top.objective.grade} />
            </figcaption>
            <ObjectiveTrendChart
              id={domId('trend', top.key)}
              objective={top.objective}
              trend={trend}
              period={doc.period}
              asOf={asOf}
              width={620}
              height={210}
            />
          </figure>
        ))}
      </div>
    </Panel>
  );
}

/** Above this many teams the home page shows compact tiles; /teams has the full table. */
const TILES_ABOVE = 20;
/** Tiles shown at most; the rest are a link to /teams. */
const TILES_MAX = 200;

function TeamsSection(props: HomeProps) {
  const teams = props.data.doc.teams.filter((t) => !t.isCompany);
  if (teams.length === 0) return null;
  const intro = "Each team's own score: the mean of its objectives' scores from their key results.";
  if (teams.length <= TILES_ABOVE) {
    return (
      <Panel id="teams" title="Teams" intro={intro}>
        <TeamsTable teams={teams} />
      </Panel>
    );
  }
  return (
    <Panel id="teams" title="Teams" intro={intro} actions={<a href="/teams">All {teams.length} teams in a table →</a>}>
      <ul class="tiles">
        {teams.slice(0, TILES_MAX).map((t) => (
          <li>
            <a class={t.stale ? 'tile stale' : 'tile'} href={teamHref(t.team)}>
              <span class="tile-name">{t.team}</span>
              <ScoreChip score={t.score} />
            </a>
          </li>
        ))}
      </ul>
      {teams.length > TILES_MAX ? (
        <p class="note">
          and {plural(teams.length - TILES_MAX, 'more team')}: <a href="/teams">see them all →</a>
        </p>
      ) : null}
    </Panel>
  );
}

export function HomePage(props: HomeProps) {
  const { doc } = props.data;
  return (
    <Layout
      title="Alignment"
      company={props.company}
      active="overview"
      {...syncedLayout(props.data)}
      description={`${props.company} OKR alignment${doc.period?.label ? ` for ${doc.period.label}` : ''}: overall score ${fmtScore(doc.overall)}.`}
    >
      <Hero {...props} />
      <StaleWarning data={props.data} />
      <Stats data={props.data} />
      <AlignmentSection {...props} />
      <HealthSection {...props} />
      <TrendsSection {...props} />
      <TeamsSection {...props} />
    </Layout>
  );
}
