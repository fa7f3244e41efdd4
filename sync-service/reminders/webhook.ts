// A Slack-compatible incoming webhook: one JSON POST of {text, blocks}. Slack answers 200 "ok";
// anything but a 2xx is a failed send (the claim is released and a later run tries again).
import type { WebhookMessage } from './compose.ts';

export interface WebhookPoster {
  post(message: WebhookMessage): Promise<{ status: number }>;
}

export function webhookPoster(url: string, opts: { timeoutMs?: number } = {}): WebhookPoster {
  return {
    async post(message) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
      });
      const body = await res.text().catch(() => '');
      if (!res.ok) throw new Error(`the webhook answered ${res.status}${body ? `: ${body.slice(0, 200)}` : ''}`);
      return { status: res.status };
    },
  };
}

/** The webhook's name in the send log: its host, never the secret path. */
export function webhookName(url: string): string {
  try {
    return `webhook:${new URL(url).host}`;
  } catch {
    return 'webhook';
  }
}
