// A weekly run in words for `okr remind` and the service log: what is due, and every message
// (in full on a dry run, so people see exactly what would arrive) or what happened to it.
import type { SendOutcome, WeekPlan } from './run.ts';
import type { RunReport } from './service.ts';

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => (l ? `    ${l}` : ''))
    .join('\n');
}

export function summaryLine(plan: WeekPlan): string {
  const d = plan.due;
  return `Week ${plan.week} (as of ${plan.asOf}): ${d.staleKeyResults} of ${d.keyResults} key results without a recent check-in, ${d.owners.length} owner(s) due.`;
}

function planText(plan: WeekPlan): string {
  const out = [summaryLine(plan), `Would send ${plan.messages.length} message(s) (dry run: nothing sent or recorded).`];
  for (const m of plan.messages) {
    out.push('');
    if (m.kind === 'webhook') {
      out.push(`webhook → ${m.recipient}: ${m.subject}`, indent(m.payload.text));
    } else {
      out.push(`${m.kind} → ${m.recipient}: ${m.message.subject}`, indent(m.message.text));
    }
  }
  return out.join('\n');
}

function outcomeLine(o: SendOutcome): string {
  const what = o.result === 'failed' ? `FAILED: ${o.error ?? 'unknown error'}` : o.result;
  return `  ${o.kind} → ${o.recipient}: ${what}`;
}

export function formatRunReport(r: RunReport): string {
  if (!r.plan) return 'Nothing to remind about yet: no sync has been stored.\n';
  const extra: string[] = [];
  const missing = r.plan.due.owners.filter((o) => o.email === null);
  if (missing.length) extra.push(`No e-mail address for: ${missing.map((o) => `${o.owner} (${o.keyResults.length})`).join(', ')}`);
  if (r.plan.due.unowned.length) extra.push(`Key results without an owner: ${r.plan.due.unowned.length}`);
  const body = r.dryRun ? planText(r.plan) : [summaryLine(r.plan), ...r.outcomes.map(outcomeLine)].join('\n');
  return `${[body, ...(extra.length ? ['', ...extra] : [])].join('\n')}\n`;
}
