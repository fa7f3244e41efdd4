// Pages for when there is nothing to show: unknown team/objective/page (404), bad query (400),
// and no sync finished yet (auto-refreshing).
import type { RunnerStatus } from '../../engine/runner.ts';
import { Layout } from '../components/layout.tsx';
import { fmtDateTime } from '../format.ts';

export function NotFoundPage(props: { company: string; what: string; hint?: string }) {
  return (
    <Layout title="Not found" company={props.company}>
      <section class="panel error-page">
        <h1>Not found</h1>
        <p>{props.what}</p>
        {props.hint ? <p class="muted">{props.hint}</p> : null}
        <p>
          <a href="/">Back to the alignment view</a> · <a href="/teams">All teams</a>
        </p>
      </section>
    </Layout>
  );
}

export function BadRequestPage(props: { company: string; field: string; message: string; back: string }) {
  return (
    <Layout title="Bad request" company={props.company}>
      <section class="panel error-page">
        <h1>That filter is not valid</h1>
        <p>
          {props.field ? (
            <>
              The <code>{props.field}</code> parameter: {props.message}
            </>
          ) : (
            props.message
          )}
        </p>
        <p>
          <a href={props.back}>Show everything instead</a>
        </p>
      </section>
    </Layout>
  );
}

export function ServerErrorPage(props: { company: string }) {
  return (
    <Layout title="Something went wrong" company={props.company}>
      <section class="panel error-page">
        <h1>Something went wrong</h1>
        <p>The page could not be built. The details are in the server's log; reloading may help.</p>
        <p>
          <a href="/">Back to the alignment view</a>
        </p>
      </section>
    </Layout>
  );
}

export const WAIT_REFRESH_SECONDS = 5;

export function WaitingPage(props: { company: string; runner: RunnerStatus | null; lastFailure: { error: string | null; finishedAt: string | null } | null }) {
  const running = props.runner?.running ?? false;
  return (
    <Layout title="First sync running" company={props.company} refresh={WAIT_REFRESH_SECONDS}>
      <section class="panel error-page" aria-live="polite">
        <div class="spinner" aria-hidden="true" />
        <h1>{running || !props.lastFailure ? 'The first sync is running' : 'Waiting for the first sync'}</h1>
        <p>The team sheets are being read and rolled up. This page refreshes itself every {WAIT_REFRESH_SECONDS} seconds.</p>
        {props.lastFailure ? (
          <p class="warning">
            The last attempt{props.lastFailure.finishedAt ? ` (${fmtDateTime(props.lastFailure.finishedAt)})` : ''} failed:{' '}
            {props.lastFailure.error ?? 'unknown error'}
          </p>
        ) : null}
        {props.runner?.nextSyncAt && !running ? <p class="muted">Next sync: {fmtDateTime(props.runner.nextSyncAt)}</p> : null}
      </section>
    </Layout>
  );
}
