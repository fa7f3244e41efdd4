// A failed sync is visible: /healthz names it (status "degraded"), and every page shows a banner
// saying the data shown is older than that failure — until a sync completes again.
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import { appFor, EXAMPLES_AS_OF, EXAMPLES_DIR, syncFolder } from '../web/fixtures.ts';

const pglite = storageTargets().find((t) => t.name === 'pglite')!;
afterAll(() => pglite.teardown());

describe('a sync that failed after the data shown', () => {
  it('is reported by /healthz and as a banner on the pages, and cleared by the next complete sync', async () => {
    const store = createStore(await pglite.fresh());
    await syncFolder(store, EXAMPLES_DIR, EXAMPLES_AS_OF);
    const app = appFor(store);
    const health = async () => (await (await app.request('/healthz')).json()) as { status: string; lastFailure: { syncId: number; error: string } | null };
    expect(await health()).toMatchObject({ status: 'ok', lastFailure: null });
    expect(await (await app.request('/')).text()).not.toContain('class="sync-failed"');

    const failed = await store.beginSync();
    await store.failSync(failed, new Error('invalid byte sequence for encoding "UTF8": 0x00'));
    expect(await health()).toMatchObject({ status: 'degraded', lastFailure: { syncId: failed, error: 'invalid byte sequence for encoding "UTF8": 0x00' } });
    for (const page of ['/', '/teams', '/teams/Engineering', '/problems']) {
      const html = await (await app.request(page)).text();
      expect(html, page).toContain('class="sync-failed" role="alert"');
      expect(html, page).toContain(`The last sync (#${failed}) failed`);
      expect(html, page).toContain('invalid byte sequence for encoding &quot;UTF8&quot;: 0x00');
      expect(html, page).toMatch(/What you see is older: from sync #1,/);
    }

    await syncFolder(store, EXAMPLES_DIR, EXAMPLES_AS_OF);
    expect(await health()).toMatchObject({ status: 'ok', lastFailure: null });
    expect(await (await app.request('/')).text()).not.toContain('class="sync-failed"');
  });
});
