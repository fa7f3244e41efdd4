// Tables shared by the team, objective and problems pages.
import type { KeyResult, Problem } from '../../../shared/schemas.ts';
import type { StoredCheckin } from '../../db/types.ts';
import type { DocumentTeam } from '../../engine/document.ts';
import { formatChange, formatRange, formatTyped, keyResultStyle, PLAIN } from '../../../shared/number-format.ts';
import { fmtNumber, fmtScore, pct, plural, problemsHref, teamHref } from '../format.ts';
import { ScoreBar, ScoreChip, Time } from './bits.tsx';

function current(kr: KeyResult): string {
  if (kr.type === 'binary') return kr.currentRaw || '–';
  return formatTyped(kr.current ?? kr.currentRaw, keyResultStyle(kr));
}

const styleOf = (kr: KeyResult | undefined) => (kr ? keyResultStyle(kr) : PLAIN);

export function KrTable(props: { krs: readonly KeyResult[]; lastCheckin?: ReadonlyMap<string, string>; caption?: string }) {
  if (props.krs.length === 0) return <p class="empty">No key results: this objective cannot be measured yet.</p>;
  return (
    <div class="table-wrap">
      <table>
        {props.caption ? <caption class="visually-hidden">{props.caption}</caption> : null}
        <thead>
          <tr>
            <th scope="col">Key result</th>
            <th scope="col">Type</th>
            <th scope="col" class="num">
              Start → target
            </th>
            <th scope="col" class="num">
              Current
            </th>
            <th scope="col">Score</th>
            <th scope="col" class="num">
              Confidence
            </th>
            <th scope="col">Owner</th>
            {props.lastCheckin ? <th scope="col">Last check-in</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.krs.map((kr) => (
            <tr>
              <td>
                <div class="kr-title">{kr.title || '(untitled)'}</div>
                <div class="why">
                  {kr.id}
                  {kr.weight !== 1 ? ` · weight ${fmtNumber(kr.weight)}` : ''}
                  {kr.message ? ` · ${kr.message}` : ''}
                </div>
              </td>
              <td>{kr.type ?? (kr.typeRaw || '–')}</td>
              <td class="num">{kr.type === 'binary' || kr.type === 'manual' ? '–' : formatRange(kr)}</td>
              <td class="num">{current(kr)}</td>
              <td class="nowrap">
                <ScoreChip score={kr.score} /> <ScoreBar score={kr.score} />
              </td>
              <td class="num">{pct(kr.confidence)}</td>
              <td>{kr.owner || '–'}</td>
              {props.lastCheckin ? (
                <td>{props.lastCheckin.get(kr.id) ? <Time iso={props.lastCheckin.get(kr.id)} dateOnly /> : <span class="pill stale">never</span>}</td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CheckinsTable(props: { checkins: readonly StoredCheckin[]; limit?: number; keyResults?: ReadonlyMap<string, KeyResult> }) {
  const limit = props.limit ?? 25;
  const newest = [...props.checkins].reverse();
  const shown = newest.slice(0, limit);
  if (shown.length === 0) return <p class="empty">No check-ins recorded.</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Key result</th>
            <th scope="col" class="num">
              Before → after
            </th>
            <th scope="col" class="num">
              Score
            </th>
            <th scope="col" class="num">
              Confidence
            </th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((c) => (
            <tr>
              <td>
                <Time iso={c.timestamp} />
              </td>
              <td>{c.person ?? '–'}</td>
              <td>
                {c.krId ?? '–'}
                {c.krId && props.keyResults?.get(c.krId) ? <div class="why">{props.keyResults.get(c.krId)?.title}</div> : null}
              </td>
              <td class="num">
                {formatChange(c.before, c.after, styleOf(c.krId ? props.keyResults?.get(c.krId) : undefined))}
              </td>
              <td class="num">{fmtScore(c.score ?? null)}</td>
              <td class="num">{pct(c.confidence ?? null)}</td>
              <td>{c.note || ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {newest.length > shown.length ? (
        <p class="muted small">
          Showing the latest {shown.length} of {newest.length} check-ins.
        </p>
      ) : null}
    </div>
  );
}

export function ProblemsTable(props: { problems: readonly Problem[]; showTeam?: boolean }) {
  if (props.problems.length === 0) return <p class="ok">No problems. ✓</p>;
  const showTeam = props.showTeam ?? true;
  return (
    <div class="table-wrap">
      <table class="stack-table">
        <thead>
          <tr>
            {showTeam ? <th scope="col">Team</th> : null}
            <th scope="col">Tab</th>
            <th scope="col" class="num">
              Row
            </th>
            <th scope="col">Column</th>
            <th scope="col">Severity</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {props.problems.map((p) => (
            <tr>
              {showTeam ? (
                <td data-label="Team">
                  <a href={teamHref(p.team)}>{p.team}</a>
                </td>
              ) : null}
              <td data-label="Tab">{p.tab}</td>
              <td class="num" data-label="Row">
                {p.row ?? '–'}
              </td>
              <td data-label="Column">{p.column ?? '–'}</td>
              <td>
                <span class={`sev sev-${p.severity}`}>{p.severity}</span>
              </td>
              <td class="message">
                {p.message}
                <div class="why">
                  <code>{p.code}</code>
                  {p.why ? ` ${p.why}` : ''}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TeamsTable(props: { teams: readonly DocumentTeam[]; showSource?: boolean }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col">Score</th>
            <th scope="col" class="num">
              Objectives
            </th>
            <th scope="col" class="num">
              Aligned
            </th>
            <th scope="col" class="num">
              Key results
            </th>
            <th scope="col" class="num">
              Problems
            </th>
            {props.showSource ? <th scope="col">Sheet</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.teams.map((t) => (
            <tr>
              <td>
                <a href={teamHref(t.team)}>{t.team}</a> {t.isCompany ? <span class="pill">company</span> : null}{' '}
                {t.stale ? (
                  <span class="pill stale" title={t.staleReason ?? undefined}>
                    stale
                  </span>
                ) : null}
              </td>
              <td class="nowrap">
                <ScoreChip score={t.score} /> <ScoreBar score={t.score} />
              </td>
              <td class="num">{t.objectives}</td>
              <td class="num">{t.isCompany ? '–' : `${t.aligned} of ${t.objectives}`}</td>
              <td class="num">{t.keyResults}</td>
              <td class="num">
                {t.errors + t.warnings ? <a href={problemsHref({ team: t.team })}>{`${plural(t.errors, 'error')} · ${plural(t.warnings, 'warning')}`}</a> : '–'}
              </td>
              {props.showSource ? <td class="small">{t.source ?? '–'}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
