// POST /api/reminders/send — this week's reminders and digest now (bearer token). Each message
// goes out at most once per ISO week whoever triggers it; `dryRun` returns the plan instead.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { RunReport } from '../reminders/service.ts';
import { isCalendarDate } from '../reminders/week.ts';
import { requireToken } from './auth.ts';
import type { AppDeps } from './deps.ts';
import { apiError } from './errors.ts';
import { jsonBody, validate } from './validate.ts';

const Body = z.strictObject({
  /** Run as at the configured time on this calendar day (`YYYY-MM-DD`). */
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2026-12-07')
    .refine(isCalendarDate, 'not a calendar date')
    .optional(),
  dryRun: z.boolean().optional(),
});

function reportJson(r: RunReport) {
  const plan = r.plan!;
  return {
    week: plan.week,
    asOf: plan.asOf,
    dryRun: r.dryRun,
    due: {
      keyResults: plan.due.keyResults,
      stale: plan.due.staleKeyResults,
      owners: plan.due.owners.map((o) => ({ owner: o.owner, hasEmail: o.email !== null, keyResults: o.keyResults.length })),
    },
    ...(r.dryRun
      ? { planned: plan.messages.map((m) => ({ kind: m.kind, recipient: m.recipient, subject: m.kind === 'webhook' ? m.subject : m.message.subject })) }
      : { sent: r.outcomes }),
  };
}

export function reminderRoutes(deps: AppDeps) {
  const limit = deps.bodyLimit ?? 16 * 1024;
  return new Hono().post(
    '/reminders/send',
    bodyLimit({ maxSize: limit, onError: (c) => apiError(c, 413, `Request body too large (limit ${limit} bytes)`) }),
    requireToken(deps.token),
    jsonBody(),
    validate('json', Body),
    async (c) => {
      const body = c.req.valid('json');
      if (!deps.reminders) return apiError(c, 503, 'Reminders are off: add a "reminders" section to the config');
      const report = await deps.reminders.run({ ...(body.asOf ? { asOf: body.asOf } : {}), dryRun: body.dryRun === true });
      if (!report.plan) return apiError(c, 409, 'Nothing has been synced yet');
      const failed = report.outcomes.some((o) => o.result === 'failed');
      return c.json(reportJson(report), failed ? 502 : 200);
    },
  );
}
