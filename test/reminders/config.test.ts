// The reminders section of okr.config.json: defaults, errors naming the field, secrets from the env.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../sync-service/config/load.ts';
import { removeTempDirs, tempDir } from '../fixtures/workbooks.ts';

afterAll(removeTempDirs);

const errorOf = (reminders: unknown): ConfigError => {
  try {
    parseConfig({ sources: { folder: 'x' }, reminders });
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
};

describe('reminders config', () => {
  it('has defaults for everything but where to send', () => {
    expect(parseConfig({ sources: { folder: 'x' }, reminders: {} }).reminders).toEqual({
      weekday: 'monday',
      time: '09:00',
      timeZone: 'UTC',
      staleAfterDays: 7,
      leaders: [],
      people: {},
      peopleTab: true,
    });
    expect(parseConfig({ sources: { folder: 'x' } }).reminders).toBeUndefined();
  });

  it('names the field of each mistake', () => {
    expect(errorOf({ timeZone: 'Europe/Olso' }).message).toBe('okr.config.json: reminders.timeZone: expected an IANA time zone like Europe/Oslo');
    expect(errorOf({ time: '9am' }).field).toBe('reminders.time');
    expect(errorOf({ time: '24:00' }).message).toContain('reminders.time: expected a 24-hour time like 09:00');
    expect(errorOf({ weekday: 'mon' }).message).toContain('reminders.weekday: expected one of "monday"');
    expect(errorOf({ leaders: ['ceo'] }).field).toBe('reminders.leaders.0');
    expect(errorOf({ people: { Ana: 'ana(at)example.com' } }).field).toBe('reminders.people.Ana');
    expect(errorOf({ email: { from: 'okr@example.com', smtp: { host: 'mail', prot: 25 } } }).message).toContain('reminders.email.smtp: unknown key "prot"');
    expect(errorOf({ webhook: { url: 'ftp://hooks.example.com/x' } }).field).toBe('reminders.webhook.url');
    expect(errorOf({ staleAfterDays: 0 }).message).toContain('reminders.staleAfterDays: must be at least 1');
  });

  it('takes the SMTP password and the webhook URL from the environment', () => {
    const dir = tempDir();
    const file = path.join(dir, 'okr.config.json');
    writeFileSync(file, JSON.stringify({ sources: { folder: '.' }, reminders: { email: { from: 'okr@example.com', smtp: { host: 'mail', user: 'okr' } } } }));
    const { config } = loadConfig({ file, env: { OKR_SMTP_PASSWORD: 's3cret', OKR_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/x' } });
    expect(config.reminders?.email?.smtp).toEqual({ host: 'mail', port: 587, secure: false, user: 'okr', password: 's3cret' });
    expect(config.reminders?.webhook).toEqual({ url: 'https://hooks.slack.com/services/T/B/x' });
    expect(() => loadConfig({ file, env: { OKR_WEBHOOK_URL: 'not a url' } })).toThrow('OKR_WEBHOOK_URL: expected an http(s) URL');
  });
});
