import { GoogleAuth } from 'google-auth-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGoogleServer, fakeAuthClient, startFakeGoogle } from '../../test/fakes/google-server.ts';
import { DEFAULT_SCOPES, createGoogleClients, resolveAuth } from './clients.ts';

let google: FakeGoogleServer;
beforeAll(async () => {
  google = await startFakeGoogle();
});
afterAll(() => google.close());

describe('createGoogleClients', () => {
  it('talks to rootUrl with an OAuth client (bearer token, no token endpoint) or an API key', async () => {
    const id = google.addSpreadsheet({ title: 'c', tabs: { OKRs: [['a']] } }).id;
    for (const auth of [fakeAuthClient('tok'), 'api-key']) {
      const { sheets, drive } = createGoogleClients({ rootUrl: google.url, auth });
      expect((await sheets.spreadsheets.get({ spreadsheetId: id, fields: 'properties.title' })).data).toEqual({
        properties: { title: 'c' },
      });
      expect((await drive.files.get({ fileId: id, fields: 'id' })).data).toEqual({ id });
    }
    // Only the fake was called: 4 requests, all answered.
    expect(google.counts()).toMatchObject({ total: 4, errors: 0 });
  });

  it("disables the library's own retry (ours is the only retry layer)", async () => {
    const id = google.addSpreadsheet({ title: 'r', tabs: {} }).id;
    google.resetCounts();
    google.injectFault({ kind: 'status', status: 503 }, { times: 3 });
    const { sheets } = createGoogleClients({ rootUrl: google.url, auth: 'k' });
    await expect(sheets.spreadsheets.get({ spreadsheetId: id })).rejects.toMatchObject({ status: 503 });
    expect(google.counts().total).toBe(1);
    google.clearFaults();
  });

  it('applies timeoutMs to every request', async () => {
    const id = google.addSpreadsheet({ title: 't', tabs: {} }).id;
    google.injectFault({ kind: 'hang' });
    const { sheets } = createGoogleClients({ rootUrl: google.url, auth: 'k', timeoutMs: 100 });
    const t0 = performance.now();
    await expect(sheets.spreadsheets.get({ spreadsheetId: id })).rejects.toThrow(/abort/i);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('resolveAuth', () => {
  it('builds GoogleAuth for ADC and key files with the sync scopes; passes keys and clients through', () => {
    // scopes / keyFilename are private in the typings; reading them avoids any network call.
    type Inspect = { scopes?: unknown; keyFilename?: unknown };
    const adc = resolveAuth('adc');
    expect(adc).toBeInstanceOf(GoogleAuth);
    expect((adc as unknown as Inspect).scopes).toEqual(DEFAULT_SCOPES);
    const keyed = resolveAuth({ keyFile: '/secrets/sa.json' });
    expect(keyed).toBeInstanceOf(GoogleAuth);
    expect((keyed as unknown as Inspect).keyFilename).toBe('/secrets/sa.json');
    expect(resolveAuth('AIza-key')).toBe('AIza-key');
    const client = fakeAuthClient();
    expect(resolveAuth(client)).toBe(client);
  });
});
