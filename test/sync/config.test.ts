// okr.config.json: validation errors name the field; env overrides; `$comment` keys; okr init.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initCommand } from '../../sync-service/cli/commands/init.ts';
import { memoryIO } from '../../sync-service/cli/io.ts';
import { ConfigError, loadConfig, parseConfig } from '../../sync-service/config/load.ts';
import { removeTempDirs, tempDir } from '../fixtures/workbooks.ts';

afterAll(removeTempDirs);

function writeConfig(obj: unknown): { dir: string; file: string } {
  const dir = tempDir();
  const file = path.join(dir, 'okr.config.json');
  writeFileSync(file, typeof obj === 'string' ? obj : JSON.stringify(obj));
  return { dir, file };
}

const errorOf = (fn: () => unknown): ConfigError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
};

describe('config errors name the file and the field', () => {
  it('wrong type', () => {
    const { file } = writeConfig({ sources: { google: { folderId: 42 } } });
    const err = errorOf(() => loadConfig({ file, env: {} }));
    expect(err.message).toContain('okr.config.json: sources.google.folderId: expected string');
    expect(err.field).toBe('sources.google.folderId');
  });

  it('unknown key (a typo is not silently ignored)', () => {
    const err = errorOf(() => parseConfig({ sources: { folder: 'x' }, sycnIntervalMinutes: 5 }));
    expect(err.message).toBe('okr.config.json: unknown key "sycnIntervalMinutes"');
  });

  it('bad enum, bad date, period backwards, missing source, both company sheet targets', () => {
    expect(errorOf(() => parseConfig({ sources: { folder: 'x' }, rollupMode: 'sum' })).message).toContain(
      'rollupMode: expected one of "both", "key-results", "children"',
    );
    expect(errorOf(() => parseConfig({ sources: { folder: 'x' }, period: { start: '1/10/2026', end: '2026-12-31' } })).message).toContain(
      'period.start: expected a date like 2026-01-01',
    );
    expect(errorOf(() => parseConfig({ sources: { folder: 'x' }, period: { start: '2026-12-31', end: '2026-10-01' } })).field).toBe('period.end');
    expect(errorOf(() => parseConfig({ sources: {} })).message).toContain('sources: give a folder or google source');
    expect(errorOf(() => parseConfig({ sources: { google: {} } })).message).toContain('sources.google: give folderId or spreadsheetIds');
    expect(errorOf(() => parseConfig({ sources: { google: { folderId: 'F', rereadAfterHours: 0 } } })).field).toBe('sources.google.rereadAfterHours');
    expect(parseConfig({ sources: { google: { folderId: 'F', rereadAfterHours: 6 } } }).sources.google?.rereadAfterHours).toBe(6);
    expect(errorOf(() => parseConfig({ sources: { folder: 'x' }, companySheet: { xlsx: 'a', spreadsheetId: 'b' } })).field).toBe('companySheet');
    expect(errorOf(() => parseConfig({ sources: { folder: 'x' }, port: 70000 })).message).toContain('port: must be at most 65535');
  });

  it('a database URL that is not one, a sync interval under a minute, a negative retention', () => {
    // pg would read "not a url" as a host name and fail later with `getaddrinfo ENOTFOUND base`.
    const url = errorOf(() => parseConfig({ sources: { folder: 'x' }, database: { url: 'not a url' } }));
    expect(url.message).toBe('okr.config.json: database.url: expected a postgres:// URL like postgres://user:password@host:5432/database');
    expect(url.field).toBe('database.url');
    expect(errorOf(() => parseConfig({ sources: { folder: 'x' }, database: { url: 'mysql://h/db' } })).field).toBe('database.url');
    const { file } = writeConfig({ sources: { folder: '.' } });
    const env = errorOf(() => loadConfig({ file, env: { DATABASE_URL: 'localhost' } }));
    expect(env.message).toBe('DATABASE_URL: expected a postgres:// URL like postgres://user:password@host:5432/database');
    expect(env.field).toBe('DATABASE_URL');
    expect(parseConfig({ sources: { folder: 'x' }, database: { url: 'postgresql://u:p@db.example:5432/okr' } }).database.url).toBe(
      'postgresql://u:p@db.example:5432/okr',
    );
    expect(errorOf(() => parseConfig({ sources: { folder: 'x' }, syncIntervalMinutes: 0.01 })).message).toBe(
      'okr.config.json: syncIntervalMinutes: must be 0 (no timer) or at least 1 minute',
    );
    expect(parseConfig({ sources: { folder: 'x' }, syncIntervalMinutes: 0 }).syncIntervalMinutes).toBe(0);
    expect(errorOf(() => parseConfig({ sources: { folder: 'x' }, retention: { days: -1 } })).field).toBe('retention.days');
    expect(parseConfig({ sources: { folder: 'x' } }).retention).toEqual({ days: 400, syncRunDays: 30 });
    expect(parseConfig({ sources: { folder: 'x' }, company: { source: 'company.xlsx' } }).company.source).toBe('company.xlsx');
  });

  it('invalid JSON and a missing file', () => {
    const { file } = writeConfig('{ "sources": ');
    expect(errorOf(() => loadConfig({ file, env: {} })).message).toMatch(/^okr\.config\.json: not valid JSON/);
    expect(errorOf(() => loadConfig({ cwd: tempDir(), env: {} })).message).toContain('okr init');
  });
});

describe('loading', () => {
  it('resolves paths against the file, applies defaults and ignores $comment keys', () => {
    const { dir, file } = writeConfig({
      $comment: 'top',
      company: { $comment: ['a', 'b'], name: 'Acme' },
      sources: { folder: 'teams', google: { spreadsheetIds: ['abc'], credentials: 'key.json' } },
      companySheet: { xlsx: 'out/company.xlsx' },
    });
    const { config } = loadConfig({ file, env: {} });
    expect(config.sources.folder).toBe(path.join(dir, 'teams'));
    expect(config.sources.google?.credentials).toBe(path.join(dir, 'key.json'));
    expect(config.companySheet?.xlsx).toBe(path.join(dir, 'out/company.xlsx'));
    expect(config.database.dataDir).toBe(path.join(dir, '.okr/db'));
    expect(config).toMatchObject({ rollupMode: 'both', syncIntervalMinutes: 5, port: 8787, host: '127.0.0.1', company: { name: 'Acme' } });
  });

  it('environment overrides: DATABASE_URL, PORT, OKR_TOKEN; --port wins over PORT', () => {
    const { file } = writeConfig({ sources: { folder: '.' }, port: 1000, database: { dataDir: 'db' } });
    const env = { DATABASE_URL: 'postgres://u@h/db', PORT: '2000', OKR_TOKEN: 'a-long-secret' };
    expect(loadConfig({ file, env }).config).toMatchObject({ port: 2000, token: 'a-long-secret', database: { url: 'postgres://u@h/db' } });
    expect(loadConfig({ file, env, port: 3000 }).config.port).toBe(3000);
    expect(errorOf(() => loadConfig({ file, env: { PORT: 'eighty' } })).message).toBe('PORT: expected an integer from 0 to 65535, got "eighty"');
  });

  it('--source replaces the configured sources and resolves against the working directory', () => {
    const cwd = tempDir();
    const { config, file } = loadConfig({ source: 'examples', cwd, env: {} });
    expect(file).toBeNull();
    expect(config.sources).toEqual({ folder: path.join(cwd, 'examples') });
    expect(config.database.dataDir).toBe(path.join(cwd, '.okr/db'));
  });
});

it('okr.config.example.json is valid', () => {
  const { config } = loadConfig({ file: path.resolve('okr.config.example.json'), env: {} });
  expect(config.sources.folder).toBe(path.resolve('examples'));
  expect(config.period).toMatchObject({ start: '2026-10-01', end: '2026-12-31' });
});

describe('okr init', () => {
  it('writes a starter config that loads, and refuses to overwrite without --force', () => {
    const cwd = tempDir();
    const { io, stdout } = memoryIO({ cwd });
    expect(initCommand({}, io)).toBe(0);
    expect(stdout()).toContain('okr.config.json');
    const text = readFileSync(path.join(cwd, 'okr.config.json'), 'utf8');
    expect(text).toContain('"$comment"');
    const { config } = loadConfig({ cwd, env: {} });
    expect(config.sources.folder).toBe(path.join(cwd, 'okrs'));
    expect(initCommand({}, memoryIO({ cwd }).io)).toBe(1);
    expect(initCommand({ force: true, folder: 'teams' }, memoryIO({ cwd }).io)).toBe(0);
    expect(loadConfig({ cwd, env: {} }).config.sources.folder).toBe(path.join(cwd, 'teams'));
  });
});
