// Reading okr.config.json (or a --source folder) into a validated Config, with environment
// overrides. Errors name the file and the field: `okr.config.json: sources.google.folderId: expected string`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { Config, type ConfigInput, isPostgresUrl, POSTGRES_URL_HINT, Token } from './schema.ts';

export const CONFIG_FILE = 'okr.config.json';

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    message: string,
    /** The offending field's dotted path, when one field is to blame. */
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface LoadConfigOptions {
  /** A config file; default: ./okr.config.json when it exists (and no source is given). */
  file?: string;
  /** A folder of workbooks; replaces the config's sources (the `--source` flag). */
  source?: string;
  /** Overrides the configured / PORT port (the `--port` flag). */
  port?: number;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

export interface LoadedConfig {
  config: Config;
  /** The file read, when one was. */
  file: string | null;
}

/** One zod issue as a short phrase (`expected string, got number`). */
export function issueText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const got = /received (\w+)/.exec(issue.message)?.[1];
      return got && got !== 'undefined' ? `expected ${issue.expected}, got ${got}` : `expected ${issue.expected}`;
    }
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${String(issue.minimum)} characters`;
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    default:
      return issue.message.replace(/^Invalid input: /, '');
  }
}

export function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join('.');
}

/** Validates a config object; throws ConfigError naming `label` and the first bad field. */
export function parseConfig(input: unknown, label = CONFIG_FILE): Config {
  const r = Config.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issuePath(issue);
  const lines = r.error.issues.map((i) => `${label}: ${issuePath(i) ? `${issuePath(i)}: ` : ''}${issueText(i)}`);
  throw new ConfigError(lines.join('\n'), field || undefined);
}

export function loadConfig(opts: LoadConfigOptions = {}): LoadedConfig {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  let file: string | null = opts.file ? path.resolve(cwd, opts.file) : null;
  if (!file && !opts.source && existsSync(path.join(cwd, CONFIG_FILE))) file = path.join(cwd, CONFIG_FILE);
  if (!file && !opts.source) {
    throw new ConfigError(`No ${CONFIG_FILE} here: run \`okr init\` to write one, or pass --source <folder> or --config <file>`);
  }

  let raw: Record<string, unknown> = {};
  const label = file ? path.basename(file) : '--source';
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(`${label}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    try {
      raw = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError(`${label}: not valid JSON (${(err as Error).message})`);
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${label}: expected a JSON object`);
  }
  const input: ConfigInput & Record<string, unknown> = { ...raw } as ConfigInput & Record<string, unknown>;
  if (opts.source) input.sources = { folder: opts.source };

  const config = parseConfig(input, label);
  // Relative paths in a file are relative to the file; on the command line, to the working directory.
  const base = file ? path.dirname(file) : cwd;
  const fromSource = opts.source ? cwd : base;
  if (config.sources.folder) config.sources.folder = path.resolve(opts.source ? fromSource : base, config.sources.folder);
  if (config.sources.google?.credentials) config.sources.google.credentials = path.resolve(base, config.sources.google.credentials);
  if (config.companySheet?.xlsx) config.companySheet.xlsx = path.resolve(base, config.companySheet.xlsx);
  config.database.dataDir = path.resolve(file ? base : cwd, config.database.dataDir);

  if (env.DATABASE_URL) config.database.url = envDatabaseUrl(env.DATABASE_URL);
  if (env.OKR_TOKEN) config.token = envToken(env.OKR_TOKEN);
  if (env.PORT !== undefined && env.PORT !== '') config.port = envPort(env.PORT);
  if (config.reminders) applyReminderEnv(config.reminders, env);
  if (opts.port !== undefined) config.port = opts.port;
  return { config, file };
}

/** OKR_TOKEN gets the same checks as a token in the file (the value is never echoed: it is a secret). */
function envToken(text: string): string {
  const r = Token.safeParse(text);
  if (r.success) return r.data;
  throw new ConfigError(`OKR_TOKEN: ${issueText(r.error.issues[0]!)}`, 'OKR_TOKEN');
}

/** Secrets of the reminders: the SMTP password and the webhook URL are better kept out of the file. */
function applyReminderEnv(r: NonNullable<Config['reminders']>, env: Record<string, string | undefined>): void {
  if (env.OKR_SMTP_PASSWORD && r.email) r.email.smtp.password = env.OKR_SMTP_PASSWORD;
  if (env.OKR_WEBHOOK_URL) {
    if (!/^https?:\/\/\S+$/.test(env.OKR_WEBHOOK_URL)) throw new ConfigError('OKR_WEBHOOK_URL: expected an http(s) URL', 'OKR_WEBHOOK_URL');
    r.webhook = { ...r.webhook, url: env.OKR_WEBHOOK_URL };
  }
}

/** The value may hold a password: it is not echoed. */
function envDatabaseUrl(text: string): string {
  if (isPostgresUrl(text)) return text;
  throw new ConfigError(`DATABASE_URL: ${POSTGRES_URL_HINT}`, 'DATABASE_URL');
}

function envPort(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`PORT: expected an integer from 0 to 65535, got "${text}"`, 'PORT');
  return n;
}
