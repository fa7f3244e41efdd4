// okr.config.json: what the service reads, where it keeps its history and how it serves.
// Objects are strict so a typo (`sorces`) is an error naming the key rather than a silent default;
// `$comment` keys are allowed anywhere so the file can explain itself (JSON has no comments).
import { z } from 'zod';
import { ROLLUP_MODES } from '../../shared/enums.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2026-01-01');
const comment = { $comment: z.union([z.string(), z.array(z.string())]).optional() };
const obj = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ ...shape, ...comment });

export const PeriodConfig = obj({
  label: z.string().optional(),
  start: isoDate,
  end: isoDate,
}).refine((p) => p.start <= p.end, { message: 'end is before start', path: ['end'] });

export const GoogleSourceConfig = obj({
  /** A Drive folder holding the teams' spreadsheets. */
  folderId: z.string().min(1).optional(),
  /** Spreadsheets read in addition to (or instead of) the folder's. */
  spreadsheetIds: z.array(z.string().min(1)).optional(),
  /** A service-account key file; default: GOOGLE_APPLICATION_CREDENTIALS / application default credentials. */
  credentials: z.string().min(1).optional(),
  /**
   * Read a sheet again once its last read is older than this many hours, although Drive says it has
   * not changed: values fed by IMPORTRANGE, GOOGLEFINANCE or NOW() change without an edit. Default 3.
   */
  rereadAfterHours: z
    .number()
    .positive()
    .max(24 * 30)
    .optional(),
}).refine((g) => g.folderId !== undefined || (g.spreadsheetIds?.length ?? 0) > 0, {
  message: 'give folderId or spreadsheetIds',
});

export const SourcesConfig = obj({
  /** A folder of .xlsx / .csv workbooks (relative paths are resolved against the config file). */
  folder: z.string().min(1).optional(),
  google: GoogleSourceConfig.optional(),
}).refine((s) => s.folder !== undefined || s.google !== undefined, { message: 'give a folder or google source' });

/** Where the company roll-up is written after each sync: a Google spreadsheet or an .xlsx file. */
export const CompanySheetConfig = obj({
  spreadsheetId: z.string().min(1).optional(),
  xlsx: z.string().min(1).optional(),
}).refine((c) => (c.spreadsheetId === undefined) !== (c.xlsx === undefined), { message: 'give either spreadsheetId or xlsx' });

/** A bearer token is sent as `Authorization: Bearer <token>`: visible ASCII, no spaces, long enough to be a secret. */
export const Token = z
  .string()
  .min(8)
  .regex(/^[\x21-\x7E]+$/, 'must be visible ASCII characters without spaces (it is sent as "Authorization: Bearer <token>")');

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** Whether Intl knows the IANA time zone (`Europe/Oslo`). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** `postgres://user:password@host:5432/database` (or postgresql://); pg reads anything else as a host name. */
export function isPostgresUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && (u.hostname !== '' || u.searchParams.has('host'));
  } catch {
    return false;
  }
}

const Email = z.string().regex(/^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/, 'expected an e-mail address like ana@example.com');

export const SmtpConfig = obj({
  host: z.string().min(1),
  /** Default 587 (STARTTLS), or 465 with secure. */
  port: z.number().int().min(1).max(65535).default(587),
  /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
  secure: z.boolean().default(false),
  user: z.string().min(1).optional(),
  /** Prefer the OKR_SMTP_PASSWORD environment variable. */
  password: z.string().min(1).optional(),
});

/** The weekly check-in habit: owners' reminders and the leaders' digest. */
export const RemindersConfig = obj({
  /** When they go out, in `timeZone`: the day and the wall-clock time. */
  weekday: z.enum(WEEKDAYS).default('monday'),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a 24-hour time like 09:00')
    .default('09:00'),
  timeZone: z.string().refine(isTimeZone, 'expected an IANA time zone like Europe/Oslo').default('UTC'),
  /** A key result with no check-in for this many days is due (in the reminder and the digest). */
  staleAfterDays: z.number().int().min(1).max(90).default(7),
  /** Who gets the weekly digest. */
  leaders: z.array(Email).default([]),
  /** Owner (as written in the Owner column) → e-mail; a team's People tab wins for its own owners. */
  people: z.record(z.string().min(1), Email).default({}),
  /** Read each team sheet's People tab (Owner | Email). Costs Google sheets without one 2 requests per re-probe. */
  peopleTab: z.boolean().default(true),
  /** The service's address as people reach it (`https://okr.example.com`): links to team pages for sheets without a URL. */
  viewUrl: z.url({ protocol: /^https?$/ }).optional(),
  email: obj({
    /** The sender: `ana@example.com` or `OKR Sheets <okr@example.com>`. */
    from: z.string().min(3),
    smtp: SmtpConfig,
  }).optional(),
  /** A Slack-compatible incoming webhook (env OKR_WEBHOOK_URL wins: the URL is a secret). */
  webhook: obj({ url: z.url({ protocol: /^https?$/ }).optional() }).optional(),
});
export type RemindersConfig = z.infer<typeof RemindersConfig>;

export const POSTGRES_URL_HINT = 'expected a postgres:// URL like postgres://user:password@host:5432/database';
export const PostgresUrl = z.string().min(1).refine(isPostgresUrl, POSTGRES_URL_HINT);

export const Config = obj({
  company: obj({
    /** Default: the company sheet's Team name. */
    name: z.string().min(1).optional(),
    /** Default: the company sheet's Mission. */
    mission: z.string().optional(),
    /**
     * The sheet holding the company objectives: a file name in the folder (`company.xlsx`) or a
     * spreadsheet id. Default: the one sheet with a Mission: (or Level: company) line.
     */
    source: z.string().min(1).optional(),
  }).default({}),
  /** The OKR period; default: the company sheet's Period / Start / End metadata. */
  period: PeriodConfig.optional(),
  sources: SourcesConfig,
  companySheet: CompanySheetConfig.optional(),
  rollupMode: z.enum(ROLLUP_MODES).default('both'),
  /**
   * Minutes between syncs while serving; 0 syncs only on start and on POST /api/sync. At least 1:
   * each sync lists every source (and costs Drive and Sheets quota).
   */
  syncIntervalMinutes: z
    .number()
    .min(0)
    .max(24 * 60)
    .refine((m) => m === 0 || m >= 1, 'must be 0 (no timer) or at least 1 minute')
    .default(5),
  /** How long history is kept (retention.ts); 0 keeps it for ever. */
  retention: obj({
    /** Syncs older than this are deleted with the snapshots (history) they stored. */
    days: z.number().int().min(0).default(400),
    /** Syncs that stored nothing of their own (nothing changed, or failed) go after this many days. */
    syncRunDays: z.number().int().min(0).default(30),
  }).default({ days: 400, syncRunDays: 30 }),
  port: z.number().int().min(0).max(65535).default(8787),
  /** Interface to bind; 127.0.0.1 keeps the API off the network unless you say otherwise. */
  host: z.string().min(1).default('127.0.0.1'),
  /**
   * Host names the service answers besides the loopback names and \`host\` (DNS rebinding: a request
   * naming any other host gets a 403). Add the name people type when you serve on the network.
   */
  allowedHosts: z.array(z.string().min(1)).default([]),
  database: obj({
    /** postgres:// URL of a real server (env DATABASE_URL wins). */
    url: PostgresUrl.optional(),
    /** Embedded PGlite folder when there is no url. */
    dataDir: z.string().min(1).default('.okr/db'),
  }).default({ dataDir: '.okr/db' }),
  /** Bearer token for write routes. Prefer the OKR_TOKEN environment variable over writing it here. */
  token: Token.optional(),
  /** Weekly check-in reminders and the leaders' digest; off when absent. */
  reminders: RemindersConfig.optional(),
});
export type Config = z.infer<typeof Config>;
export type ConfigInput = z.input<typeof Config>;
export type GoogleSourceConfig = z.infer<typeof GoogleSourceConfig>;
