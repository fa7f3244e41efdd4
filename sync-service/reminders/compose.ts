// Words for the weekly habit: an owner's reminder and the leaders' digest as plain text and simple
// HTML e-mail, and the digest as a Slack-compatible webhook message. Pure. Sheet text is escaped
// for each medium (HTML entities; Slack's &, <, >), so a title can never become markup or a ping.
import type { Digest } from './digest.ts';
import type { OwnerDue, StaleKeyResult } from './due.ts';
import { localDate } from './week.ts';

export interface Message {
  subject: string;
  text: string;
  html: string;
}

export interface ComposeContext {
  company: string;
  week: string;
  timeZone: string;
  staleAfterDays: number;
  /** Team → where its sheet is (a Google Sheets URL, or the service's team page), when known. */
  links: ReadonlyMap<string, string>;
}

export interface WebhookMessage {
  text: string;
  blocks: Record<string, unknown>[];
}

const score = (v: number | null) => (v === null ? '–' : v.toFixed(2));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The movement from `before` to `now`; `span` follows a comparison ("+0.05 over the week"), never "new this week". */
function delta(now: number | null, before: number | null, span = ''): string {
  if (now === null) return 'no score yet';
  if (before === null) return 'new this week';
  const d = Math.round((now - before) * 100) / 100;
  return `${d === 0 ? 'no change' : `${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(2)}`}${span}`;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Slack mrkdwn: only &, < and > are control characters (<!channel>, <url|label>). */
export function escapeSlack(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function lastSeen(kr: StaleKeyResult, timeZone: string): string {
  return kr.lastCheckin ? `last check-in ${localDate(new Date(kr.lastCheckin), timeZone)}` : 'no check-in yet';
}

function byTeam(krs: readonly StaleKeyResult[]): [string, StaleKeyResult[]][] {
  const out = new Map<string, StaleKeyResult[]>();
  for (const kr of krs) out.set(kr.team, [...(out.get(kr.team) ?? []), kr]);
  return [...out];
}

const HOW_TO = 'In the sheet, choose Extensions → OKR Sheets → Score key results… and update Current, Confidence and a short note.';

export function composeReminder(due: OwnerDue, ctx: ComposeContext): Message {
  const n = due.keyResults.length;
  const subject = `Check-in reminder: ${plural(n, 'key result')} to update (${ctx.week})`;
  const intro = `${n === 1 ? 'This key result of yours has' : 'These key results of yours have'} had no check-in for ${ctx.staleAfterDays} days or more:`;
  const groups = byTeam(due.keyResults);
  const text = [
    `Hi ${due.owner},`,
    '',
    intro,
    ...groups.flatMap(([team, krs]) => [
      '',
      team,
      ...krs.map((kr) => `  - ${kr.krId} ${kr.title} (objective ${kr.objectiveId} ${kr.objectiveTitle}; ${lastSeen(kr, ctx.timeZone)})`),
      ...(ctx.links.get(team) ? [`  Sheet: ${ctx.links.get(team)}`] : []),
    ]),
    '',
    HOW_TO,
    '',
    `— OKR Sheets for ${ctx.company}`,
    '',
  ].join('\n');
  const html = [
    `<p>Hi ${escapeHtml(due.owner)},</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    ...groups.map(([team, krs]) => {
      const link = ctx.links.get(team);
      return [
        `<h3>${escapeHtml(team)}</h3>`,
        '<ul>',
        ...krs.map(
          (kr) =>
            `<li><b>${escapeHtml(kr.krId)}</b> ${escapeHtml(kr.title)} <small>(objective ${escapeHtml(kr.objectiveId)} ${escapeHtml(kr.objectiveTitle)}; ${escapeHtml(lastSeen(kr, ctx.timeZone))})</small></li>`,
        ),
        '</ul>',
        ...(link ? [`<p><a href="${escapeHtml(link)}">Open the ${escapeHtml(team)} sheet</a></p>`] : []),
      ].join('\n');
    }),
    `<p>${escapeHtml(HOW_TO)}</p>`,
    `<p>— OKR Sheets for ${escapeHtml(ctx.company)}</p>`,
  ].join('\n');
  return { subject, text, html: htmlDocument(subject, html) };
}

/** The digest as sections of lines (shared by the e-mail and the webhook). */
interface Section {
  title: string;
  lines: string[];
}

function digestSections(d: Digest): { headline: string; sections: Section[] } {
  const headline = `Overall score ${score(d.overall.now)} (${delta(d.overall.now, d.overall.weekAgo, ' over the week')})`;
  const pct = d.coverage.ratio === null ? '' : ` (${Math.round(d.coverage.ratio * 100)} %)`;
  const habit = [
    `${plural(d.checkinsThisWeek, 'check-in')} in the last 7 days.`,
    `${d.staleKeyResults} of ${plural(d.keyResults, 'key result')} had none for ${d.staleAfterDays} days, owned by ${plural(d.ownersDue, 'person', 'people')}.`,
    ...(d.withoutEmail.length ? [`No e-mail address for: ${d.withoutEmail.join(', ')} (add them to a People tab or reminders.people).`] : []),
  ];
  return {
    headline,
    sections: [
      { title: 'Score movement this week', lines: d.moves.length ? d.moves.map((m) => `${m.id} ${m.title}: ${score(m.now)} (${delta(m.now, m.weekAgo)})`) : ['No company objectives.'] },
      {
        title: `Off track (${d.offTrack.length})`,
        lines: d.offTrack.length ? d.offTrack.map((o) => `${o.team} / ${o.id} ${o.title}: ${score(o.score)}, expected ${score(o.expected)} by now`) : ['Nothing is off track.'],
      },
      { title: 'Coverage', lines: [`${d.coverage.aligned} of ${plural(d.coverage.teamObjectives, 'team objective')}${pct} support a company objective.`] },
      { title: `Stale teams (${d.staleTeams.length})`, lines: d.staleTeams.length ? d.staleTeams.map((s) => `${s.team}: ${s.reason}`) : ['Every team checked in this week.'] },
      { title: 'Check-ins', lines: habit },
    ],
  };
}

function digestTitle(d: Digest): string {
  return `${d.company}: weekly OKR digest, ${d.week}${d.period?.label ? ` (${d.period.label})` : ''}`;
}

export function composeDigest(d: Digest): Message {
  const { headline, sections } = digestSections(d);
  const title = digestTitle(d);
  const subject = `OKR digest ${d.week}: ${d.company} at ${score(d.overall.now)} (${delta(d.overall.now, d.overall.weekAgo)})`;
  const text = [title, '', headline, ...sections.flatMap((s) => ['', `${s.title}:`, ...s.lines.map((l) => `  - ${l}`)]), ''].join('\n');
  const html = [
    `<h2>${escapeHtml(title)}</h2>`,
    `<p><b>${escapeHtml(headline)}</b></p>`,
    ...sections.map((s) => `<h3>${escapeHtml(s.title)}</h3>\n<ul>\n${s.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('\n')}\n</ul>`),
  ].join('\n');
  return { subject, text, html: htmlDocument(subject, html) };
}

/** The digest for a channel, plus who still has to check in (by name: a channel has no addresses). */
export function composeWebhook(d: Digest, owners: readonly OwnerDue[]): WebhookMessage {
  const { headline, sections } = digestSections(d);
  const waiting = owners.map((o) => `${o.owner} (${o.keyResults.length})`);
  const all: Section[] = [...sections, ...(waiting.length ? [{ title: 'Still to check in', lines: [waiting.join(', ')] }] : [])];
  const title = digestTitle(d);
  const text = [title, headline, ...all.flatMap((s) => [`*${s.title}*`, ...s.lines.map((l) => `• ${l}`)])].map(escapeSlack).join('\n');
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: title.slice(0, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: `*${escapeSlack(headline)}*` } },
    ...all.map((s) => ({
      type: 'section',
      // A section's text is limited to 3000 characters.
      text: { type: 'mrkdwn', text: `*${escapeSlack(s.title)}*\n${s.lines.map((l) => `• ${escapeSlack(l)}`).join('\n')}`.slice(0, 3000) },
    })),
  ];
  return { text, blocks };
}


function htmlDocument(title: string, body: string): string {
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body style="font-family: Arial, sans-serif; line-height: 1.4">\n${body}\n</body></html>\n`;
}
