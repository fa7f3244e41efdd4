// The weekly habit as one object for `okr serve`, `okr remind` and POST /api/reminders/send:
// channels built from the config, an optional sync first (fresh data), then plan and send.
import type { RemindersConfig } from '../config/schema.ts';
import type { Store } from '../db/store.ts';
import { errorMessage } from '../engine/sync.ts';
import { smtpMailer } from './mail.ts';
import { type Channels, planWeek, type SendOutcome, sendPlan, type WeekPlan } from './run.ts';
import { webhookPoster } from './webhook.ts';
import { zonedMoment } from './week.ts';

export interface RunOptions {
  /** A calendar date (`YYYY-MM-DD`): run as at the configured time that day. Default: now. */
  asOf?: string;
  /** Plan only: nothing sent, nothing recorded. */
  dryRun?: boolean;
}

export interface RunReport {
  /** Null when nothing has been synced yet. */
  plan: WeekPlan | null;
  outcomes: SendOutcome[];
  dryRun: boolean;
}

export interface Reminders {
  readonly config: RemindersConfig;
  run(opts?: RunOptions): Promise<RunReport>;
}

export interface RemindersDeps {
  store: Store;
  config: RemindersConfig;
  /** Default: SMTP and the webhook from the config. */
  channels?: Channels;
  /** Run before planning so reminders see this morning's check-ins (a sync skipped by the lock is fine). */
  sync?: () => Promise<unknown>;
  /** Where a failed sync is reported (the run goes on with the last stored data). */
  log?: (line: string) => void;
  now?: () => Date;
}

export function channelsFromConfig(config: RemindersConfig): Channels {
  return {
    mailer: config.email ? smtpMailer(config.email) : null,
    webhook: config.webhook?.url ? webhookPoster(config.webhook.url) : null,
  };
}

export function createReminders(deps: RemindersDeps): Reminders {
  const { store, config } = deps;
  const now = deps.now ?? (() => new Date());
  return {
    config,
    async run(opts = {}) {
      const asOf = opts.asOf ? zonedMoment(opts.asOf, config.time, config.timeZone) : now();
      const dryRun = opts.dryRun === true;
      if (!dryRun && deps.sync) {
        try {
          await deps.sync();
        } catch (err) {
          deps.log?.(`reminders: the sync before sending failed (${errorMessage(err)}); using the last stored data`);
        }
      }
      const plan = await planWeek(store, config, asOf);
      if (!plan || dryRun) return { plan, outcomes: [], dryRun };
      const channels = deps.channels ?? channelsFromConfig(config);
      try {
        return { plan, outcomes: await sendPlan(store.db, plan, channels), dryRun };
      } finally {
        if (!deps.channels) channels.mailer?.close();
      }
    },
  };
}
