// The page shell: head (stylesheet + deferred script from this origin), skip link, nav, footer.
import type { Child } from 'hono/jsx';
import { CSS_URL, ICON_URL, JS_URL } from '../assets.ts';
import type { StoredPeriod } from '../../db/types.ts';
import type { SyncFailure, ViewData } from '../data.ts';
import { FONT_PRELOAD } from '../fonts.ts';
import { fmtDateTime } from '../format.ts';

export type NavKey = 'overview' | 'teams' | 'problems' | null;

export interface LayoutProps {
  title: string;
  company: string;
  active?: NavKey;
  /** Problems in the latest sync (shown on the nav), when there is one. */
  problems?: { errors: number; warnings: number } | null;
  lastSync?: { finishedAt: string; syncId: number } | null;
  /** A sync that failed after the data shown was synced: a banner says the data is older than it. */
  failure?: SyncFailure | null;
  /** Seconds after which the page reloads itself (the "first sync running" page). */
  refresh?: number;
  description?: string;
  /** The periods to pick from, and the one shown (a past one is the record: read-only). */
  periods?: readonly StoredPeriod[];
  period?: StoredPeriod | null;
  children?: Child;
}

/** The nav's problem counts and the footer's last sync, for a page built from a sync's data. */
export function syncedLayout(
  data: Pick<ViewData, 'meta' | 'health' | 'failure' | 'periods' | 'period'>,
): Pick<LayoutProps, 'problems' | 'lastSync' | 'failure' | 'periods' | 'period'> {
  return {
    problems: { errors: data.health.errors, warnings: data.health.warnings },
    lastSync: { finishedAt: data.meta.finishedAt, syncId: data.meta.syncId },
    failure: data.failure ?? null,
    periods: data.periods,
    period: data.period,
  };
}

/**
 * The period picker: plain links (a query-only href keeps the page), so it works without
 * JavaScript. The current period needs no parameter; a past one is marked closed.
 */
function PeriodPicker(props: { periods: readonly StoredPeriod[]; shown: StoredPeriod | null }) {
  const named = props.periods.filter((p) => p.label);
  if (named.length < 2) return null;
  return (
    <nav class="period-picker" aria-label="Period">
      <span class="period-picker-label">Period</span>
      <ul>
        {named.map((p) => (
          <li>
            <a href={p.current ? '?' : `?period=${encodeURIComponent(p.label)}`} aria-current={p.label === props.shown?.label ? 'page' : undefined}>
              {p.label}
              {p.current ? null : <span class="badge-closed">closed</span>}
            </a>
          </li>
        ))}
        <li>
          <a href="/periods">Quarter over quarter</a>
        </li>
      </ul>
    </nav>
  );
}

/** A past period is the record: said above everything, with the way back to the current one. */
function RecordBanner(props: { period: StoredPeriod; current: StoredPeriod | undefined }) {
  return (
    <p class="period-record" role="status">
      <strong>{props.period.label} is closed.</strong> You are looking at the record of a past period: read-only, as its tabs hold it.{' '}
      {props.current ? <a href="?">Back to {props.current.label} (current) →</a> : null}
    </p>
  );
}

/** The data shown is older than a failed sync: say so above everything, with the reason. */
function FailedSyncBanner(props: { failure: SyncFailure; lastSync: LayoutProps['lastSync'] }) {
  const { failure, lastSync } = props;
  return (
    <p class="sync-failed" role="alert">
      <strong>The last sync{failure.syncId ? ` (#${failure.syncId})` : ''} failed</strong>
      {failure.finishedAt ? ` at ${fmtDateTime(failure.finishedAt)}` : ''}: {failure.error ?? 'unknown error'}.{' '}
      {lastSync ? `What you see is older: from sync #${lastSync.syncId}, ${fmtDateTime(lastSync.finishedAt)}.` : ''}
    </p>
  );
}

function Logo() {
  return (
    <svg width="26" height="26" viewBox="0 0 26 26" aria-hidden="true" focusable="false">
      <circle cx="13" cy="13" r="12" fill="#13224a" />
      <circle cx="13" cy="13" r="7.5" fill="none" stroke="#fff" stroke-width="2" />
      <circle cx="13" cy="13" r="3" fill="#f9ab00" />
    </svg>
  );
}

export function Layout(props: LayoutProps) {
  const active = props.active ?? null;
  const cur = (k: NavKey) => (active === k ? 'page' : undefined);
  const p = props.problems;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {props.refresh ? <meta http-equiv="refresh" content={String(props.refresh)} /> : null}
        <title>{`${props.title} · ${props.company}`}</title>
        <meta name="description" content={props.description ?? `OKR alignment for ${props.company}`} />
        <link rel="icon" href={ICON_URL} type="image/svg+xml" />
        {FONT_PRELOAD.map((href) => (
          <link rel="preload" href={href} as="font" type="font/woff2" crossorigin="anonymous" />
        ))}
        <link rel="stylesheet" href={CSS_URL} />
        <script src={JS_URL} defer />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="topbar">
          <nav aria-label="Main">
            <a class="brand" href="/">
              <Logo />
              <span>{props.company}</span>
            </a>
            <ul class="nav-links">
              <li>
                <a href="/" aria-current={cur('overview')}>
                  Alignment
                </a>
              </li>
              <li>
                <a href="/teams" aria-current={cur('teams')}>
                  Teams
                </a>
              </li>
              <li>
                <a href="/problems" aria-current={cur('problems')}>
                  Problems
                  {p ? <span class={p.errors ? 'nav-count has-errors' : 'nav-count'}>{String(p.errors + p.warnings)}</span> : null}
                </a>
              </li>
            </ul>
            {props.lastSync ? <span class="nav-sync">Synced {fmtDateTime(props.lastSync.finishedAt)}</span> : null}
          </nav>
        </header>
        <main id="main">
          {props.periods ? <PeriodPicker periods={props.periods} shown={props.period ?? null} /> : null}
          {props.period && !props.period.current ? <RecordBanner period={props.period} current={props.periods?.find((p) => p.current)} /> : null}
          {props.failure ? <FailedSyncBanner failure={props.failure} lastSync={props.lastSync ?? null} /> : null}
          {props.children}
        </main>
        <footer>
          <p>
            {props.lastSync ? `Data from sync #${props.lastSync.syncId}. ` : ''}
            Also as JSON: <a href="/api/alignment">/api/alignment</a> · <a href="/api/teams">/api/teams</a> · <a href="/api/problems">/api/problems</a> ·{' '}
            <a href="/healthz">/healthz</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
