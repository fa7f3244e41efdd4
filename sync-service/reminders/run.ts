// One weekly run: plan (who is due, the digest, every message — pure once the inputs are loaded),
// then send each message under its claim in the send log. A dry run plans and prints only.
import type { RemindersConfig } from '../config/schema.ts';
import type { Queryable } from '../db/database.ts';
import type { Store } from '../db/store.ts';
import { errorMessage } from '../engine/sync.ts';
import { composeDigest, composeReminder, composeWebhook, type Message, type WebhookMessage } from './compose.ts';
import { loadWeekInputs, type WeekInputs } from './data.ts';
import { buildDigest, type Digest } from './digest.ts';
import { type DueList, dueOwners } from './due.ts';
import type { Mailer } from './mail.ts';
import { claimSend, markSent, releaseClaim, type SendKind } from './sent-log.ts';
import type { WebhookPoster } from './webhook.ts';
import { webhookName } from './webhook.ts';
import { isoWeek } from './week.ts';

export type PlannedMessage =
  | { kind: 'reminder' | 'digest'; recipient: string; message: Message }
  | { kind: 'webhook'; recipient: string; subject: string; payload: WebhookMessage };

export interface WeekPlan {
  week: string;
  asOf: string;
  due: DueList;
  digest: Digest;
  messages: PlannedMessage[];
}

/** Pure: the week's messages from its inputs. */
export function planFromInputs(inputs: WeekInputs, config: RemindersConfig, asOf: Date): WeekPlan {
  const week = isoWeek(asOf, config.timeZone);
  const due = dueOwners({
    objectives: inputs.doc.objectives,
    checkins: inputs.checkins,
    asOf,
    staleAfterDays: config.staleAfterDays,
    book: { team: inputs.people, config: config.people },
  });
  const digest = buildDigest({ doc: inputs.doc, history: inputs.history, checkins: inputs.checkins, due, asOf, week, staleAfterDays: config.staleAfterDays });
  const ctx = { company: inputs.doc.company.name, week, timeZone: config.timeZone, staleAfterDays: config.staleAfterDays, links: inputs.links };
  const messages: PlannedMessage[] = [];
  if (config.email) {
    for (const o of due.owners) if (o.email) messages.push({ kind: 'reminder', recipient: o.email, message: composeReminder(o, ctx) });
    const digestMail = composeDigest(digest);
    for (const leader of config.leaders) messages.push({ kind: 'digest', recipient: leader, message: digestMail });
  }
  if (config.webhook?.url) {
    messages.push({ kind: 'webhook', recipient: webhookName(config.webhook.url), subject: composeDigest(digest).subject, payload: composeWebhook(digest, due.owners) });
  }
  return { week, asOf: asOf.toISOString(), due, digest, messages };
}

export async function planWeek(store: Store, config: RemindersConfig, asOf: Date): Promise<WeekPlan | null> {
  const inputs = await loadWeekInputs(store, asOf, { viewUrl: config.viewUrl, peopleTab: config.peopleTab });
  return inputs ? planFromInputs(inputs, config, asOf) : null;
}

export interface SendOutcome {
  kind: SendKind;
  recipient: string;
  subject: string;
  result: 'sent' | 'already-sent' | 'failed';
  error?: string;
}

export interface Channels {
  mailer?: Mailer | null;
  webhook?: WebhookPoster | null;
}

const subjectOf = (m: PlannedMessage) => (m.kind === 'webhook' ? m.subject : m.message.subject);

/** Sends every planned message not sent yet this week. One failure does not stop the others. */
export async function sendPlan(db: Queryable, plan: WeekPlan, channels: Channels): Promise<SendOutcome[]> {
  const out: SendOutcome[] = [];
  for (const m of plan.messages) {
    const base = { kind: m.kind, recipient: m.recipient, subject: subjectOf(m) };
    const id = await claimSend(db, { week: plan.week, kind: m.kind, recipient: m.recipient }, base.subject);
    if (id === null) {
      out.push({ ...base, result: 'already-sent' });
      continue;
    }
    try {
      const detail = await deliver(m, channels);
      await markSent(db, id, detail);
      out.push({ ...base, result: 'sent' });
    } catch (err) {
      await releaseClaim(db, id);
      out.push({ ...base, result: 'failed', error: errorMessage(err) });
    }
  }
  return out;
}

async function deliver(m: PlannedMessage, channels: Channels): Promise<Record<string, unknown>> {
  if (m.kind === 'webhook') {
    if (!channels.webhook) throw new Error('no webhook configured');
    return { status: (await channels.webhook.post(m.payload)).status };
  }
  if (!channels.mailer) throw new Error('no SMTP server configured');
  return { messageId: (await channels.mailer.send(m.recipient, m.message)).messageId };
}
