// The bearer token is checked where it is configured: one that could never be sent as
// `Authorization: Bearer <token>` (it has a space) or is too short to be a secret is refused at
// start-up, whether it comes from okr.config.json or from OKR_TOKEN — rather than silently locking
// every write route (a space) or protecting them with a guessable secret (the environment used to
// skip the length check).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../sync-service/config/load.ts';
import { createApp } from '../../sync-service/http/app.ts';
import { emptyStore } from './support.ts';

function configFile(extra: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-token-'));
  const file = path.join(dir, 'okr.config.json');
  writeFileSync(file, JSON.stringify({ sources: { folder: '.' }, ...extra }));
  return file;
}

function expectConfigError(fn: () => unknown, field: string, message: RegExp) {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ConfigError);
  expect((err as ConfigError).field).toBe(field);
  expect((err as ConfigError).message).toMatch(message);
  // The refused token is not echoed back (it may be a real secret).
  expect((err as ConfigError).message).not.toContain('s3cr3t');
}

describe('the configured token', () => {
  it('from okr.config.json: at least 8 characters, no spaces', () => {
    expectConfigError(() => loadConfig({ file: configFile({ token: 'short' }), env: {} }), 'token', /token/);
    expectConfigError(() => loadConfig({ file: configFile({ token: 'has a s3cr3t space' }), env: {} }), 'token', /token: .*space/);
    expect(loadConfig({ file: configFile({ token: 'long-enough-s3cr3t' }), env: {} }).config.token).toBe('long-enough-s3cr3t');
  });

  it('from OKR_TOKEN: the same rules', () => {
    const file = configFile();
    expectConfigError(() => loadConfig({ file, env: { OKR_TOKEN: 's3cr3t' } }), 'OKR_TOKEN', /^OKR_TOKEN: /);
    expectConfigError(() => loadConfig({ file, env: { OKR_TOKEN: 'my s3cr3t token' } }), 'OKR_TOKEN', /^OKR_TOKEN: .*space/);
    expectConfigError(() => loadConfig({ file, env: { OKR_TOKEN: 'tab\ts3cr3t-inside' } }), 'OKR_TOKEN', /^OKR_TOKEN: /);
    expect(loadConfig({ file, env: { OKR_TOKEN: 'env-wins-over-file' } }).config.token).toBe('env-wins-over-file');
  });

  it('any accepted token can actually be used', async () => {
    for (const token of ['abcdefgh', 'A1!#$%&*+-./:<=>?@[]^_`{|}~', 'x'.repeat(512)]) {
      const config = loadConfig({ file: configFile(), env: { OKR_TOKEN: token } }).config;
      const app = createApp({ store: emptyStore(), runner: null, token: config.token ?? null, log: () => {} });
      // Authorised (no runner here: 503), not 401.
      const res = await app.request('/api/sync', { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
      expect(res.status, token).toBe(503);
    }
  });
});
