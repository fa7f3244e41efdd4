// The alignment view: server-rendered pages (hono/jsx) mounted at `/` by createApp.
//   GET /                   company header, alignment diagram, health, trends, teams
//   GET /teams              every team
//   GET /teams/:team        a team's objectives, key results, trend, check-ins, problems
//   GET /team?name=         the same, for the names `.` and `..` (a path cannot hold them)
//   GET /objectives/:key    one objective with parents, children, key results, history, check-ins
//   GET /problems           problems, filtered by ?team=&severity=&code= (400 page on a bad value)
//   GET /periods            quarter over quarter: company, company objectives and teams per period
// Every page takes ?period=LABEL (a past period is the record: marked closed, its links keep to it;
// an unknown label is a 400 page).
// Before the first sync has finished, pages answer 503 with a page that refreshes itself.
import { type Context, Hono } from 'hono';
import { jsx } from 'hono/jsx';
import { z } from 'zod';
import type { AppDeps, WebRoutesFactory } from '../http/deps.ts';
import { notFound } from '../http/errors.ts';
import { describeIssues } from '../http/validate.ts';
import { assetRoutes } from './assets.ts';
import { findObjective, findTeam, loadViewData, type ViewData } from './data.ts';
import { BadRequestPage, NotFoundPage, ServerErrorPage, WAIT_REFRESH_SECONDS, WaitingPage } from './pages/errors.tsx';
import { HomePage } from './pages/home.tsx';
import { ObjectivePage } from './pages/objective.tsx';
import { ProblemsPage } from './pages/problems.tsx';
import { TeamPage } from './pages/team.tsx';
import { TeamsPage } from './pages/teams.tsx';
import { PeriodsPage } from './pages/periods.tsx';
import { carryPeriod } from './period-links.ts';
import { quarterOverQuarter } from '../engine/quarters.ts';
import { historySeries } from './trends.ts';

type Status = 200 | 400 | 404 | 500 | 503;

/** Renders a page component to a full HTML document; a past period's links keep to it. */
async function render(c: Context, node: unknown, status: Status = 200, headers: Record<string, string> = {}, pastPeriod?: string) {
  // A JSX node renders on toString(), synchronously unless a component is async.
  const html = await (node as { toString(): string | Promise<string> }).toString();
  const body = pastPeriod ? carryPeriod(html, pastPeriod) : html;
  return c.html(`<!doctype html>\n${body}`, status, { 'Cache-Control': 'no-cache', ...headers });
}

type Render = (c: Context, node: unknown, status?: Status, headers?: Record<string, string>) => Promise<Response>;

/** ?period= as given (empty: the current one). */
const periodOf = (c: Context): string | undefined => {
  const p = c.req.query('period')?.trim();
  return p ? p : undefined;
};

/** Empty strings (a form's "All" option) mean "no filter". */
const optional = (schema: z.ZodString) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
    .pipe(schema.optional());

export const ProblemsQuery = z.strictObject({
  team: optional(z.string().max(200)),
  severity: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(z.enum(['error', 'warning']).optional()),
  code: optional(
    z
      .string()
      .max(100)
      .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only'),
  ),
  period: optional(z.string().max(200)),
});

const KeyParam = z.string().min(1).max(300);

export const webRoutes: WebRoutesFactory = (deps: AppDeps) => {
  const companyOf = (data: ViewData | null) => deps.companyName ?? data?.doc.company.name ?? 'OKRs';

  /** The data, or the "first sync running" page when no sync has finished yet. */
  const withData = async (c: Context, fn: (data: ViewData, render: Render) => Promise<Response> | Response): Promise<Response> => {
    try {
      const period = periodOf(c);
      const data = await loadViewData(deps.store, period);
      // The shared data with this moment's failure (it changes without a new snapshot).
      if (data) {
        const past = data.period && !data.period.current ? data.period.label : undefined;
        const renderPast: Render = (cc, node, status, headers) => render(cc, node, status, headers, past);
        return await fn({ ...data, failure: await deps.store.failureSinceLastComplete() }, renderPast);
      }
      const current = period === undefined ? null : await loadViewData(deps.store);
      if (current) {
        const known = (current?.periods ?? []).map((p) => `“${p.label}”`).join(', ');
        return render(c, jsx(BadRequestPage, { company: companyOf(current), field: 'period', message: `period: “${period}” is not a period of the last sync (known: ${known || 'none'})`, back: '/' }), 400);
      }
    } catch (err) {
      // A page, not the API's JSON error; the stack goes to the server log only.
      const log = deps.log ?? ((line: string) => console.error(line));
      log(`okr web: GET ${c.req.path} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return render(c, jsx(ServerErrorPage, { company: companyOf(null) }), 500);
    }
    const runner = deps.runner?.status() ?? null;
    const last = (await deps.store.listSyncs({ limit: 1 }))[0];
    const lastFailure = last?.status === 'failed' ? { error: last.error, finishedAt: last.finishedAt } : null;
    return render(c, jsx(WaitingPage, { company: companyOf(null), runner, lastFailure }), 503, { 'Retry-After': String(WAIT_REFRESH_SECONDS) });
  };

  const notFoundPage = (c: Context, data: ViewData | null, what: string, hint?: string) =>
    render(c, jsx(NotFoundPage, { company: companyOf(data), what, ...(hint ? { hint } : {}) }), 404);

  const app = new Hono();
  app.route('/', assetRoutes());

  app.get('/', (c) => withData(c, (data, render) => render(c, jsx(HomePage, { data, company: companyOf(data), now: new Date() }))));

  app.get('/teams', (c) => withData(c, (data, render) => render(c, jsx(TeamsPage, { data, company: companyOf(data) }))));

  app.get('/periods', (c) =>
    withData(c, async (data, render) => {
      const docs = await Promise.all(data.periods.map(async (p) => ({ p, data: await loadViewData(deps.store, p.label || undefined) })));
      const qoq = quarterOverQuarter(docs.flatMap((d) => (d.data ? [{ label: d.p.label, current: d.p.current, doc: d.data.doc }] : [])));
      return render(c, jsx(PeriodsPage, { data, company: companyOf(data), qoq }));
    }),
  );

  const teamPage = (c: Context, name: string) =>
    withData(c, async (data, render) => {
      const team = KeyParam.safeParse(name).success ? findTeam(data.doc, name) : null;
      if (!team)
        return notFoundPage(c, data, `There is no team called “${name}” in the last sync.`, 'Team names come from each sheet’s Team: line (or its file name).');
      const rows = await deps.store.history({ team: team.team, ...(data.meta.period ? { period: data.meta.period } : {}) });
      return render(c, jsx(TeamPage, { data, company: companyOf(data), team, history: historySeries(rows) }));
    });

  // [\s\S]+: a team name may contain a slash (sent encoded, decoded by the router) or a new line.
  app.get('/teams/:team{[\\s\\S]+}', (c) => teamPage(c, c.req.param('team')));
  // Names a URL path cannot carry (`.` and `..` are dot segments, removed by every client): teamHref.
  app.get('/team', (c) => teamPage(c, c.req.query('name') ?? ''));

  app.get('/objectives/:key{.+}', (c) =>
    withData(c, async (data, render) => {
      const key = c.req.param('key');
      const found = KeyParam.safeParse(key).success ? findObjective(data, key) : null;
      if (!found) return notFoundPage(c, data, `There is no objective with the key or id “${key}” in the last sync.`);
      const rows = await deps.store.objectiveHistory(found.objective.key, data.meta.period ? { period: data.meta.period } : {});
      const history = historySeries(rows.filter((r) => r.key === found.objective.key));
      return render(c, jsx(ObjectivePage, { data, company: companyOf(data), objective: found.objective, alsoMatching: found.alsoMatching, history }));
    }),
  );

  app.get('/problems', (c) => {
    const parsed = ProblemsQuery.safeParse(c.req.query());
    if (!parsed.success) {
      const { message, field } = describeIssues(parsed.error);
      return withData(c, (data) => render(c, jsx(BadRequestPage, { company: companyOf(data), field, message, back: '/problems' }), 400));
    }
    const { period: _period, ...filter } = parsed.data;
    return withData(c, (data, render) => render(c, jsx(ProblemsPage, { data, company: companyOf(data), filter })));
  });

  // Unknown pages get an HTML 404; unknown API routes keep their JSON 404.
  app.get('*', async (c) => {
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return notFound(c);
    const data = await loadViewData(deps.store).catch(() => null);
    return notFoundPage(c, data, `There is no page at ${c.req.path}.`);
  });

  return app;
};
