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

export const Config = obj({
  company: obj({
    /** Default: the company sheet's Team name. */
    name: z.string().min(1).optional(),
    /** Default: the company sheet's Mission. */
    mission: z.string().optional(),
  }).default({}),
  /** The OKR period; default: the company sheet's Period / Start / End metadata. */
  period: PeriodConfig.optional(),
  sources: SourcesConfig,
  companySheet: CompanySheetConfig.optional(),
  rollupMode: z.enum(ROLLUP_MODES).default('both'),
  /** Minutes between syncs while serving; 0 syncs only on start and on POST /api/sync. */
  syncIntervalMinutes: z
    .number()
    .min(0)
    .max(24 * 60)
    .default(5),
  port: z.number().int().min(0).max(65535).default(8787),
  /** Interface to bind; 127.0.0.1 keeps the API off the network unless you say otherwise. */
  host: z.string().min(1).default('127.0.0.1'),
  database: obj({
    /** postgres:// URL of a real server (env DATABASE_URL wins). */
    url: z.string().min(1).optional(),
    /** Embedded PGlite folder when there is no url. */
    dataDir: z.string().min(1).default('.okr/db'),
  }).default({ dataDir: '.okr/db' }),
  /** Bearer token for write routes. Prefer the OKR_TOKEN environment variable over writing it here. */
  token: Token.optional(),
});
export type Config = z.infer<typeof Config>;
export type ConfigInput = z.input<typeof Config>;
export type GoogleSourceConfig = z.infer<typeof GoogleSourceConfig>;
