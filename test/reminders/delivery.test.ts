// The weekly habit end to end: a folder company synced twice (a week apart), then reminders and
// the digest delivered to a real SMTP server and a webhook receiver on 127.0.0.1 — at most once
// per ISO week, recipient and kind, across restarts and two instances racing. PGlite and Postgres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../sync-service/config/load.ts';
import type { RemindersConfig } from '../../sync-service/config/schema.ts';
import type { Database } from '../../sync-service/db/database.ts';
import { createStore, type Store } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import { runSync, type SyncResult, type SyncSummary } from '../../sync-service/engine/sync.ts';
import { claimSend, sentLog } from '../../sync-service/reminders/sent-log.ts';
import { createReminders } from '../../sync-service/reminders/service.ts';
import { folderSource } from '../../sync-service/sources/folder.ts';
import { removeTempDirs, tempDir } from '../fixtures/workbooks.ts';
import { AS_OF, P2_TITLE, remindersConfig, WEEK, WEEK_BEFORE, writeCompany } from './company.ts';
import { type SmtpSink, startSmtpSink, startWebhookSink, type WebhookSink } from './receivers.ts';

afterAll(removeTempDirs);

function done(r: SyncResult): SyncSummary {
  if (r.skipped) throw new Error(`sync skipped: ${r.reason}`);
  return r;
}

/** Moves a sync to a moment of the test's calendar (history is read by the sync's finish time). */
async function dateSync(db: Database, syncId: number, at: Date): Promise<void> {
  await db.query(`UPDATE sync_runs SET started_at = $1::timestamptz - interval '1 second', finished_at = $1::timestamptz WHERE id = $2`, [at.toISOString(), syncId]);
}

const score = (v: number | null) => (v === null ? '–' : v.toFixed(2));

for (const target of storageTargets()) {
  describe.skipIf(!target.available)(`weekly reminders and digest on ${target.name}`, () => {
    let smtp: SmtpSink;
    let hook: WebhookSink;
    let db: Database;
    let store: Store;
    let config: RemindersConfig;
    let before: SyncSummary;
    let latest: SyncSummary;

    beforeAll(async () => {
      [smtp, hook] = await Promise.all([startSmtpSink(), startWebhookSink()]);
      const dir = tempDir();
      db = await target.fresh();
      store = createStore(db);
      const engine = { store, sources: [folderSource(dir)], company: {} };
      await writeCompany(dir, { c1: 4, p12: 1 });
      before = done(await runSync({ ...engine, now: () => WEEK_BEFORE }));
      await dateSync(db, before.syncId, WEEK_BEFORE);
      await writeCompany(dir, { c1: 5, p12: 2 });
      latest = done(await runSync({ ...engine, now: () => AS_OF }));
      await dateSync(db, latest.syncId, new Date(AS_OF.getTime() - 3600_000));
      config = parseConfig({ sources: { folder: dir }, reminders: remindersConfig(smtp.port, hook.url) }).reminders!;
    }, 120_000);

    afterAll(async () => {
      await Promise.all([smtp?.close(), hook?.close()]);
      await target.teardown();
    });

    it('mails each owner their stale key results, the leaders the digest, and posts the digest to the webhook', async () => {
      const report = await createReminders({ store, config, now: () => AS_OF }).run();
      expect(report.plan?.week).toBe(WEEK);
      expect(report.outcomes.map((o) => `${o.kind} ${o.recipient} ${o.result}`)).toEqual([
        'reminder ana@example.com sent',
        'reminder bo@example.com sent',
        'reminder sam@example.com sent',
        'digest ceo@example.com sent',
        'digest coo@example.com sent',
        `webhook webhook:127.0.0.1:${new URL(hook.url).port} sent`,
      ]);
      expect(smtp.mails.map((m) => m.rcptTo.join(','))).toEqual(['ana@example.com', 'bo@example.com', 'sam@example.com', 'ceo@example.com', 'coo@example.com']);
      expect(new Set(smtp.mails.map((m) => m.from))).toEqual(new Set(['"OKR Sheets" <okr@example.com>']));

      // Ana: only P1-2 (P1-1 had a check-in 3 days ago); the People tab's address, not the config's.
      const ana = smtp.mails[0]!;
      expect(ana.subject).toBe(`Check-in reminder: 1 key result to update (${WEEK})`);
      expect(ana.text).toContain('Hi Ana Lopez,');
      expect(ana.text).toContain('  - P1-2 Activation to 10 % (objective P1 Make onboarding effortless; last check-in 2026-11-20)');
      expect(ana.text).not.toContain('P1-1');
      expect(ana.text).toContain('  Sheet: https://okr.example.com/teams/Product');
      expect(ana.html).toContain('<a href="https://okr.example.com/teams/Product">Open the Product sheet</a>');

      // Sheet text is text: escaped in the HTML part, never markup.
      const bo = smtp.mails[1]!;
      expect(bo.text).toContain(`P2-1 Ten <script>alert(1)</script> partners (objective P2 ${P2_TITLE}; no check-in yet)`);
      expect(bo.html).toContain('Ten &lt;script&gt;alert(1)&lt;/script&gt; partners');
      expect(bo.html).toContain('Ship the &lt;b&gt;API&lt;/b&gt; &amp; &quot;SDK&quot;');
      expect(bo.html).not.toMatch(/<script|<b>API/);

      // Sam's address comes from the config's people map.
      expect(smtp.mails[2]!.text).toContain('S1-1 Ten enterprise deals');
      expect(smtp.mails[2]!.text).not.toContain('S1-2'); // Kim Ito's, and Kim has no address

      // The digest, as received.
      const digest = smtp.mails[3]!;
      expect(smtp.mails[4]!.text).toBe(digest.text);
      const c1 = latest.document.objectives.find((o) => o.key === 'C1')!;
      const c1Before = before.document.objectives.find((o) => o.key === 'C1')!;
      const overallNow = (c1.rolledScore! + latest.document.objectives.find((o) => o.key === 'C2')!.rolledScore!) / 2;
      const overallBefore = (c1Before.rolledScore! + before.document.objectives.find((o) => o.key === 'C2')!.rolledScore!) / 2;
      const moved = (now: number, was: number) => {
        const d = Math.round((now - was) * 100) / 100;
        return d === 0 ? 'no change' : `${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(2)}`;
      };
      expect(c1.rolledScore).toBeGreaterThan(c1Before.rolledScore!);
      expect(digest.subject).toBe(`OKR digest ${WEEK}: Northwind at ${score(overallNow)} (${moved(overallNow, overallBefore)})`);
      expect(digest.text).toContain(`Northwind: weekly OKR digest, ${WEEK} (Q4 2026)`);
      expect(digest.text).toContain(`  - C1 Grow revenue: ${score(c1.rolledScore)} (${moved(c1.rolledScore!, c1Before.rolledScore!)})`);
      expect(digest.text).toContain(`Off track (1):`);
      expect(digest.text).toContain(`  - Product / P2 ${P2_TITLE}: 0.10, expected `);
      expect(digest.text).toContain('  - 3 of 3 team objectives (100 %) support a company objective.');
      expect(digest.text).toContain('Stale teams (1):\n  - Sales: no check-in for 7 days on any of its 2 key results');
      expect(digest.text).toContain('  - 3 check-ins in the last 7 days.'); // P1-1 on Dec 4, C1-1 on Dec 5, C2-1 on Dec 6
      expect(digest.text).toContain('  - 4 of 7 key results had none for 7 days, owned by 4 people.');
      expect(digest.text).toContain('  - No e-mail address for: Kim Ito');
      expect(digest.html).toContain('<h3>Off track (');
      expect(digest.html).not.toContain('<b>API');

      // The webhook: Slack's JSON, sheet text escaped for mrkdwn.
      expect(hook.posts).toHaveLength(1);
      const post = hook.posts[0]!;
      expect(post.contentType).toMatch(/^application\/json/);
      const body = post.body as { text: string; blocks: { type: string; text: { type: string; text: string } }[] };
      expect(body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: `Northwind: weekly OKR digest, ${WEEK} (Q4 2026)` } });
      expect(body.text).toContain('Ship the &lt;b&gt;API&lt;/b&gt; &amp; "SDK"');
      expect(body.text).toContain('*Still to check in*\n• Ana Lopez (1), Bo Chen (1), Kim Ito (1), Sam Reed (1)');
      expect(body.blocks.every((b) => b.type === 'header' || b.text.type === 'mrkdwn')).toBe(true);

      const log = await sentLog(db, { week: WEEK });
      expect(log.map((r) => [r.kind, r.recipient, r.status])).toHaveLength(6);
      expect(log.every((r) => r.status === 'sent' && r.sentAt !== null)).toBe(true);
    });

    it('sends nothing again that week, from a restarted service', async () => {
      const mails = smtp.mails.length;
      const restarted = createReminders({ store: createStore(db), config, now: () => new Date(AS_OF.getTime() + 2 * 86_400_000) });
      const report = await restarted.run();
      expect(report.outcomes.map((o) => o.result)).toEqual(Array(6).fill('already-sent'));
      expect(smtp.mails).toHaveLength(mails);
      expect(hook.posts).toHaveLength(1);
    });

    it('gives a failed delivery back, and the next run sends only that one', async () => {
      const mails = smtp.mails.length;
      const reminders = createReminders({ store, config });
      smtp.failNext(1);
      hook.failNext(1, 500);
      const first = await reminders.run({ asOf: '2026-12-14' });
      expect(first.plan?.week).toBe('2026-W51');
      expect(first.outcomes.filter((o) => o.result === 'failed').map((o) => [o.recipient, o.error])).toEqual([
        ['ana@example.com', expect.stringMatching(/451/)],
        [expect.stringMatching(/^webhook:/), 'the webhook answered 500: invalid_payload'],
      ]);
      expect(smtp.mails).toHaveLength(mails + 4);
      const log = await sentLog(db, { week: '2026-W51' });
      expect(log.map((r) => r.recipient)).not.toContain('ana@example.com');

      const second = await reminders.run({ asOf: '2026-12-15' });
      expect(second.outcomes.filter((o) => o.result === 'sent').map((o) => o.kind)).toEqual(['reminder', 'webhook']);
      expect(smtp.mails.slice(mails + 4).map((m) => m.rcptTo[0])).toEqual(['ana@example.com']);
      expect(hook.posts).toHaveLength(2);
    });

    it('a dry run sends and records nothing', async () => {
      const mails = smtp.mails.length;
      const rows = (await sentLog(db)).length;
      const report = await createReminders({ store, config }).run({ asOf: '2026-12-21', dryRun: true });
      expect(report.plan?.messages.map((m) => m.kind)).toEqual(['reminder', 'reminder', 'reminder', 'digest', 'digest', 'webhook']);
      expect(report.outcomes).toEqual([]);
      expect(smtp.mails).toHaveLength(mails);
      expect(hook.posts).toHaveLength(2);
      expect(await sentLog(db)).toHaveLength(rows);
    });

    it('two instances racing send every message exactly once', async () => {
      const mails = smtp.mails.length;
      const other = target.name === 'postgres' ? await target.another(db) : db;
      const a = createReminders({ store, config });
      const b = createReminders({ store: createStore(other), config });
      const [ra, rb] = await Promise.all([a.run({ asOf: '2026-12-28' }), b.run({ asOf: '2026-12-28' })]);
      expect(ra.plan?.week).toBe('2026-W53');
      const sent = [...ra.outcomes, ...rb.outcomes].filter((o) => o.result === 'sent');
      const skipped = [...ra.outcomes, ...rb.outcomes].filter((o) => o.result === 'already-sent');
      expect(sent).toHaveLength(6);
      expect(skipped).toHaveLength(6);
      const received = smtp.mails.slice(mails).map((m) => m.rcptTo[0]).sort();
      expect(received).toEqual(['ana@example.com', 'bo@example.com', 'ceo@example.com', 'coo@example.com', 'sam@example.com']);
      expect(hook.posts).toHaveLength(3);
    });

    it('a claim is taken by exactly one of many concurrent claimers', async () => {
      const other = target.name === 'postgres' ? await target.another(db) : db;
      const key = { week: '2027-W01', kind: 'digest' as const, recipient: 'Race@Example.com' };
      const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => claimSend(i % 2 ? other : db, { ...key, recipient: i % 3 ? key.recipient : key.recipient.toLowerCase() }, null)));
      expect(ids.filter((id) => id !== null)).toHaveLength(1);
    });
  });
}
