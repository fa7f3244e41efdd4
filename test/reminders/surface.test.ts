// How people reach the weekly habit: POST /api/reminders/send (bearer token, 4xx naming the field)
// and `okr remind [--dry-run] [--as-of]`, which keeps its send log across runs (restarts) in an
// on-disk PGlite.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService } from '../../sync-service/cli/commands/serve.ts';
import { memoryIO } from '../../sync-service/cli/io.ts';
import { runCli } from '../../sync-service/cli/program.ts';
import { parseConfig } from '../../sync-service/config/load.ts';
import { createStore, type Store } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import { runSync } from '../../sync-service/engine/sync.ts';
import { createApp } from '../../sync-service/http/app.ts';
import { createReminders, type Reminders } from '../../sync-service/reminders/service.ts';
import { folderSource } from '../../sync-service/sources/folder.ts';
import { removeTempDirs, tempDir } from '../fixtures/workbooks.ts';
import { AS_OF, AS_OF_DATE, remindersConfig, WEEK, writeCompany } from './company.ts';
import { type SmtpSink, startSmtpSink, startWebhookSink, type WebhookSink } from './receivers.ts';

const pglite = storageTargets()[0]!;
const TOKEN = 'reminder-test-token';
let smtp: SmtpSink;
let hook: WebhookSink;
let dir: string;

beforeAll(async () => {
  [smtp, hook] = await Promise.all([startSmtpSink(), startWebhookSink()]);
  dir = tempDir();
  await writeCompany(dir, { c1: 5, p12: 2 });
});
afterAll(async () => {
  await Promise.all([smtp?.close(), hook?.close(), pglite.teardown()]);
  removeTempDirs();
});

describe('POST /api/reminders/send', () => {
  let store: Store;
  let reminders: Reminders;
  const post = (app: ReturnType<typeof createApp>, body: unknown, token: string | null = TOKEN) =>
    app.request('/api/reminders/send', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    store = createStore(await pglite.fresh());
    await runSync({ store, sources: [folderSource(dir)], company: {}, now: () => AS_OF });
    const config = parseConfig({ sources: { folder: dir }, reminders: remindersConfig(smtp.port, hook.url) }).reminders!;
    reminders = createReminders({ store, config, now: () => AS_OF });
  }, 60_000);

  it('needs the bearer token', async () => {
    const app = createApp({ store, token: TOKEN, reminders });
    const res = await post(app, {}, null);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await post(app, {}, 'wrong-token-123')).status).toBe(401);
    expect(smtp.mails).toHaveLength(0);
  });

  it('names the field of a bad request', async () => {
    const app = createApp({ store, token: TOKEN, reminders });
    const bad = async (body: unknown) => {
      const res = await post(app, body);
      return { status: res.status, error: ((await res.json()) as { error: { field: string; message: string } }).error };
    };
    expect(await bad({ asOf: '2026-12-32' })).toEqual({ status: 400, error: { field: 'asOf', message: 'asOf: not a calendar date' } });
    expect(await bad({ asOf: 'monday' })).toEqual({ status: 400, error: { field: 'asOf', message: 'asOf: expected a date like 2026-12-07' } });
    expect(await bad({ dryRun: 'yes' })).toMatchObject({ status: 400, error: { field: 'dryRun' } });
    expect(await bad({ week: 50 })).toMatchObject({ status: 400, error: { field: 'week' } });
    expect(smtp.mails).toHaveLength(0);
  });

  it('answers 503 when reminders are not configured', async () => {
    const res = await post(createApp({ store, token: TOKEN }), {});
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { message: 'Reminders are off: add a "reminders" section to the config' } });
  });

  it('plans on a dry run, sends once, and reports the rest as already sent', async () => {
    const app = createApp({ store, token: TOKEN, reminders });
    const dry = await post(app, { dryRun: true });
    expect(dry.status).toBe(200);
    const plan = (await dry.json()) as { week: string; planned: { kind: string; recipient: string }[] };
    expect(plan.week).toBe(WEEK);
    expect(plan.planned.map((p) => p.recipient)).toEqual(['ana@example.com', 'bo@example.com', 'sam@example.com', 'ceo@example.com', 'coo@example.com', expect.stringMatching(/^webhook:/)]);
    expect(smtp.mails).toHaveLength(0);

    const sent = await post(app, {});
    expect(sent.status).toBe(200);
    const body = (await sent.json()) as { sent: { result: string }[]; due: { owners: { owner: string; hasEmail: boolean }[] } };
    expect(body.sent.map((o) => o.result)).toEqual(Array(6).fill('sent'));
    expect(body.due.owners).toContainEqual({ owner: 'Kim Ito', hasEmail: false, keyResults: 1 });
    expect(smtp.mails).toHaveLength(5);

    const again = (await (await post(app, {})).json()) as { sent: { result: string }[] };
    expect(again.sent.map((o) => o.result)).toEqual(Array(6).fill('already-sent'));
    expect(smtp.mails).toHaveLength(5);
  });
});

describe('okr remind', () => {
  it('prints every message on --dry-run, then sends once across separate runs', async () => {
    const work = tempDir();
    const file = path.join(work, 'okr.config.json');
    writeFileSync(
      file,
      JSON.stringify({ sources: { folder: dir }, database: { dataDir: 'db' }, reminders: remindersConfig(smtp.port, hook.url) }),
    );
    const mails = smtp.mails.length;
    const run = async (...args: string[]) => {
      const cli = memoryIO({ cwd: work });
      const code = await runCli(['remind', '--config', file, ...args], cli.io);
      return { code, out: cli.stdout(), err: cli.stderr() };
    };

    const dry = await run('--dry-run', '--as-of', AS_OF_DATE);
    expect(dry.err).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain(`Week ${WEEK} (as of ${AS_OF.toISOString()}): 4 of 7 key results without a recent check-in, 4 owner(s) due.`);
    expect(dry.out).toContain('Would send 6 message(s) (dry run: nothing sent or recorded).');
    expect(dry.out).toContain(`reminder → ana@example.com: Check-in reminder: 1 key result to update (${WEEK})`);
    expect(dry.out).toContain('    Hi Ana Lopez,');
    expect(dry.out).toContain(`digest → ceo@example.com: OKR digest ${WEEK}: Northwind at`);
    expect(dry.out).toContain('No e-mail address for: Kim Ito (1)');
    expect(smtp.mails).toHaveLength(mails);

    const sent = await run('--as-of', AS_OF_DATE);
    expect(sent.code).toBe(0);
    expect(sent.out).toContain('  reminder → ana@example.com: sent');
    expect(smtp.mails).toHaveLength(mails + 5);

    const again = await run('--as-of', AS_OF_DATE);
    expect(again.out).toContain('  reminder → ana@example.com: already-sent');
    expect(again.out).not.toMatch(/: sent$/m);
    expect(smtp.mails).toHaveLength(mails + 5);
  }, 120_000);

  it('says what is missing without a reminders section, or with a bad date', async () => {
    const work = tempDir();
    const file = path.join(work, 'okr.config.json');
    writeFileSync(file, JSON.stringify({ sources: { folder: dir } }));
    const cli = memoryIO({ cwd: work });
    expect(await runCli(['remind', '--config', file], cli.io)).toBe(2);
    expect(cli.stderr()).toContain('okr remind: the config has no "reminders" section');
    const bad = memoryIO({ cwd: work });
    expect(await runCli(['remind', '--config', file, '--as-of', '7.12.2026'], bad.io)).toBe(1);
    expect(bad.stderr()).toContain('expected a date like 2026-12-07, got "7.12.2026"');
  });
});

describe('okr serve', () => {
  it('runs the weekly reminders on its schedule: started after this week’s moment, it catches up once', async () => {
    const work = tempDir();
    const file = path.join(work, 'okr.config.json');
    writeFileSync(file, JSON.stringify({ sources: { folder: dir }, database: { dataDir: 'db' }, reminders: remindersConfig(smtp.port, hook.url) }));
    const mails = smtp.mails.length;
    const posts = hook.posts.length;
    const cli = memoryIO({ cwd: work, env: { OKR_TOKEN: TOKEN } });
    // Monday 09:00 in Oslo: the moment itself.
    const running = await startService({ config: file, port: 0, now: () => AS_OF }, cli.io);
    try {
      for (let i = 0; i < 1800 && smtp.mails.length < mails + 5; i++) await new Promise((r) => setTimeout(r, 50));
      expect(smtp.mails.slice(mails).map((m) => m.rcptTo[0]).sort()).toEqual(['ana@example.com', 'bo@example.com', 'ceo@example.com', 'coo@example.com', 'sam@example.com']);
      expect(smtp.mails.slice(mails).every((m) => m.subject.includes(WEEK))).toBe(true);
      for (let i = 0; i < 100 && hook.posts.length < posts + 1; i++) await new Promise((r) => setTimeout(r, 50));
      expect(hook.posts).toHaveLength(posts + 1);
      // The run's report is logged once the run has stored its results, after the webhook answered.
      for (let i = 0; i < 200 && !cli.stderr().includes(`reminders: Week ${WEEK}`); i++) await new Promise((r) => setTimeout(r, 50));
      // croner itself runs on the real clock: the next Monday 09:00 in Oslo (07:00 or 08:00 UTC).
      expect(cli.stderr()).toMatch(/reminders: weekly on monday at 09:00 Europe\/Oslo; next \d{4}-\d\d-\d\dT0[78]:00:00\.000Z/);
      expect(cli.stderr()).toContain(`reminders: Week ${WEEK}`);
      expect(cli.stderr()).toContain('  reminder → ana@example.com: sent');

      // Triggered again through the API: nothing goes out twice.
      const res = await fetch(`${running.url}/api/reminders/send`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { sent: { result: string }[] }).sent.map((o) => o.result)).toEqual(Array(6).fill('already-sent'));
      expect(smtp.mails).toHaveLength(mails + 5);
    } finally {
      await running.close();
    }
  }, 120_000);
});
