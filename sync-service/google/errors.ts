/**
 * Classification of failures from the Google clients (gaxios errors, aborted
 * requests, socket errors, unparseable bodies) into the few kinds the sync
 * cares about: what to retry, what to report, what means "gone".
 */

export type GoogleErrorKind =
  | 'rate-limited'
  | 'server'
  | 'timeout'
  | 'network'
  | 'garbage'
  | 'forbidden'
  | 'not-found'
  | 'bad-request'
  | 'other';

export interface ClassifiedError {
  kind: GoogleErrorKind;
  /** HTTP status when there was a response. */
  status?: number;
  /** Google's status name (RESOURCE_EXHAUSTED, PERMISSION_DENIED…) or Drive's reason, when sent. */
  reason?: string;
  /** Message with API keys and tokens redacted. */
  message: string;
  /** From a Retry-After header (seconds or HTTP date) or a google.rpc.RetryInfo detail. */
  retryAfterMs?: number;
  /** For 'forbidden': which of Google's 403s it was (each has its own fix). */
  forbidden?: ForbiddenCause;
}

/**
 * Google's 403s tell these apart by reason (errors[].reason, the ErrorInfo detail's reason):
 * insufficientPermissions / ACCESS_TOKEN_SCOPE_INSUFFICIENT ("Request had insufficient
 * authentication scopes."), accessNotConfigured / SERVICE_DISABLED ("… API has not been used in
 * project N before or it is disabled"); anything else (PERMISSION_DENIED "The caller does not have
 * permission", insufficientFilePermissions) means the file is not shared with the caller.
 * https://developers.google.com/drive/api/guides/handle-errors
 */
export type ForbiddenCause = 'not-shared' | 'scope-missing' | 'api-disabled';

function forbiddenCause(data: unknown, message: string): ForbiddenCause {
  const error = (data as { error?: { errors?: { reason?: unknown }[]; details?: { reason?: unknown }[] } } | undefined)?.error;
  const reasons = [...(error?.errors ?? []), ...(error?.details ?? [])].map((e) => (typeof e?.reason === 'string' ? e.reason : ''));
  if (reasons.some((r) => /^(insufficientPermissions|ACCESS_TOKEN_SCOPE_INSUFFICIENT)$/.test(r)) || /insufficient authentication scopes/i.test(message)) {
    return 'scope-missing';
  }
  if (reasons.some((r) => /^(accessNotConfigured|SERVICE_DISABLED)$/.test(r)) || /has not been used in project|API .*is disabled/i.test(message)) {
    return 'api-disabled';
  }
  return 'not-shared';
}

const RETRYABLE = new Set<GoogleErrorKind>(['rate-limited', 'server', 'timeout', 'network', 'garbage']);
export const isRetryable = (c: ClassifiedError): boolean => RETRYABLE.has(c.kind);

/** A 2xx answer whose body is not the JSON we expected (truncated, HTML, wrong shape). */
export class GarbageResponseError extends Error {
  override readonly name = 'GarbageResponseError';
}

/** What withRetry throws once it gives up: the classification plus the last underlying error. */
export class GoogleRequestError extends Error {
  override readonly name = 'GoogleRequestError';
  readonly kind: GoogleErrorKind;
  readonly status?: number;
  readonly reason?: string;
  readonly retryAfterMs?: number;

  constructor(
    readonly classified: ClassifiedError,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(classified.message, options);
    this.kind = classified.kind;
    if (classified.status !== undefined) this.status = classified.status;
    if (classified.reason !== undefined) this.reason = classified.reason;
    if (classified.retryAfterMs !== undefined) this.retryAfterMs = classified.retryAfterMs;
  }
}

/** Gaxios puts the full URL (with `key=`) into some messages. */
export function redact(text: string): string {
  return text.replace(/([?&](?:key|access_token)=)[^&\s#"']+/gi, '$1***').replace(/(Bearer\s+)[\w.~+/-]+=*/gi, '$1***');
}

interface Shape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  status?: unknown;
  type?: unknown;
  cause?: unknown;
  response?: { status?: unknown; headers?: unknown; data?: unknown };
}

const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const rec = headers as Record<string, unknown>;
  const key = Object.keys(rec).find((k) => k.toLowerCase() === name);
  const v = key === undefined ? undefined : rec[key];
  return Array.isArray(v) ? String(v[0]) : v === undefined ? undefined : String(v);
}

/** Retry-After: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function retryInfoMs(data: unknown): number | undefined {
  const details = (data as { error?: { details?: unknown } } | undefined)?.error?.details;
  if (!Array.isArray(details)) return undefined;
  for (const d of details) {
    const delay = (d as { retryDelay?: unknown })?.retryDelay;
    if (typeof delay === 'string' && /^\d+(\.\d+)?s$/.test(delay)) return Math.round(Number.parseFloat(delay) * 1000);
  }
  return undefined;
}

function googleReason(data: unknown): string | undefined {
  const error = (data as { error?: { status?: unknown; errors?: { reason?: unknown }[] } } | undefined)?.error;
  const driveReason = error?.errors?.[0]?.reason;
  if (typeof driveReason === 'string') return driveReason;
  return typeof error?.status === 'string' ? error.status : undefined;
}

function chain(err: unknown): Shape[] {
  const out: Shape[] = [];
  let cur: unknown = err;
  for (let depth = 0; cur && typeof cur === 'object' && depth < 5; depth++) {
    out.push(cur as Shape);
    cur = (cur as Shape).cause;
  }
  return out;
}

export function classifyGoogleError(err: unknown, now = Date.now()): ClassifiedError {
  if (err instanceof GoogleRequestError) return err.classified;
  const links = chain(err);
  const top = (links[0] ?? {}) as Shape;
  const message = redact(typeof top.message === 'string' && top.message ? top.message : String(err));
  if (err instanceof GarbageResponseError || err instanceof SyntaxError) return { kind: 'garbage', message };

  const rawStatus = top.status ?? top.response?.status ?? (typeof top.code === 'number' ? top.code : undefined);
  const status =
    typeof rawStatus === 'number' ? rawStatus : typeof rawStatus === 'string' && /^\d{3}$/.test(rawStatus) ? Number(rawStatus) : undefined;
  if (status !== undefined && status >= 400) {
    const data = top.response?.data;
    const reason = googleReason(data);
    const retryAfterMs = parseRetryAfter(header(top.response?.headers, 'retry-after'), now) ?? retryInfoMs(data);
    const base = { status, message, ...(reason ? { reason } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    // Drive reports rate limits as 403 with reason (user)RateLimitExceeded.
    const rateLimited =
      status === 429 ||
      (status === 403 && /rateLimitExceeded|RESOURCE_EXHAUSTED/i.test(reason ?? '')) ||
      (status === 403 && /rate limit exceeded/i.test(message));
    if (rateLimited) return { kind: 'rate-limited', ...base };
    if (status === 408) return { kind: 'timeout', ...base };
    if (status >= 500) return { kind: 'server', ...base };
    if (status === 403) return { kind: 'forbidden', ...base, forbidden: forbiddenCause(data, message) };
    if (status === 401) return { kind: 'forbidden', ...base };
    if (status === 404 || status === 410) return { kind: 'not-found', ...base };
    if (status === 400) return { kind: 'bad-request', ...base };
    return { kind: 'other', ...base };
  }

  for (const l of links) {
    const name = typeof l.name === 'string' ? l.name : '';
    const code = typeof l.code === 'string' ? l.code : '';
    if (
      name === 'AbortError' ||
      name === 'TimeoutError' ||
      l.type === 'aborted' ||
      l.type === 'request-timeout' ||
      TIMEOUT_CODES.has(code)
    ) {
      return { kind: 'timeout', message };
    }
  }
  for (const l of links) {
    const code = typeof l.code === 'string' ? l.code : '';
    const msg = typeof l.message === 'string' ? l.message : '';
    if (NETWORK_CODES.has(code) || l.type === 'system' || /socket hang up|premature close|terminated|other side closed/i.test(msg)) {
      return { kind: 'network', message };
    }
    if (l instanceof SyntaxError || /invalid json|unexpected (token|end of json)/i.test(msg)) return { kind: 'garbage', message };
  }
  return { kind: 'other', message };
}
