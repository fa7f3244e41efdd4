// Writes the company sheet to a Google spreadsheet after each sync:
//   first run   spreadsheets.get (tab ids, grid sizes, chart ids), then the batchUpdates: the first
//               creates the missing tabs and the chart with ids chosen here, the rest fill the tabs,
//               each at most 2 MB (see google-requests.ts; one for a small company);
//   later runs  the batchUpdates alone (ids remembered in memory), or none at all when the model's
//               hash equals the last one written.
// The model only depends on the clock through the day (see build.ts), so syncs on the same day
// with the same data cost nothing; the first sync of a new day rewrites "As of" / time elapsed.
//
// Every call goes through withRetry. A retried first batch re-reads the layout first (an attempt
// that timed out may have been applied, and addSheet is not idempotent). When a batch is refused
// because a tab or the chart was deleted by hand, the layout is read again and the write re-planned
// once — but never when Google refused the request for its size: sending it again cannot help.
// Create one writer per spreadsheet and keep it: its memory is the cache.
import type { sheets_v4 } from '@googleapis/sheets';
import { z } from 'zod';
import type { AlignmentDocument } from '../engine/document.ts';
import { type GoogleAuthOption, createGoogleClients } from '../google/clients.ts';
import { GarbageResponseError, classifyGoogleError } from '../google/errors.ts';
import { type RetryOptions, withRetry } from '../google/retry.ts';
import { type CheckinPoint, type CompanySheetExtra, type HistoryPoint, buildCompanyWorkbook } from './build.ts';
import { type SheetLayout, type TabLayout, planWriteBatches } from './google-requests.ts';
import { TAB_NAMES, type TabName, modelHash } from './model.ts';

export type { CheckinPoint, CompanySheetExtra, HistoryPoint } from './build.ts';

export interface CompanySheetWriteContext {
  syncId: number;
  document: AlignmentDocument;
  now: Date;
  history?: readonly HistoryPoint[];
  checkins?: readonly CheckinPoint[];
  /** Every period's document (the Periods tab). */
  periods?: CompanySheetExtra['periods'];
}

export interface CompanySheetWriteResult {
  /** HTTP requests made (retries included). */
  requests: number;
  /** False when the sheet already held this model and nothing was sent. */
  written: boolean;
}

export type CompanySheetWriter = (ctx: CompanySheetWriteContext) => Promise<CompanySheetWriteResult>;

export interface CompanySheetWriterOptions {
  spreadsheetId: string;
  /** A service-account key file (default: application default credentials). */
  credentials?: string;
  /** Base URL of the Sheets API (tests: the fake's url). */
  rootUrl?: string;
  /** Overrides `credentials`. */
  auth?: GoogleAuthOption;
  /** A ready client (overrides rootUrl / auth / credentials). */
  sheets?: sheets_v4.Sheets;
  retry?: RetryOptions;
  timeoutMs?: number;
}

/** Only what the writer reads back. */
const LayoutResponse = z.object({
  sheets: z
    .array(
      z.object({
        properties: z
          .object({
            sheetId: z.number().int(),
            title: z.string(),
            gridProperties: z.object({ rowCount: z.number().int().optional(), columnCount: z.number().int().optional() }).optional(),
          })
          .optional(),
        charts: z.array(z.object({ chartId: z.number().int() })).optional(),
      }),
    )
    .optional(),
});

export const LAYOUT_FIELDS = 'sheets.properties,sheets.charts.chartId';

export function layoutFrom(data: unknown): SheetLayout {
  const parsed = LayoutResponse.safeParse(data);
  if (!parsed.success) throw new GarbageResponseError(`unexpected spreadsheets.get answer: ${parsed.error.message}`);
  const tabs: Partial<Record<TabName, TabLayout>> = {};
  const usedIds: number[] = [];
  let chart: SheetLayout['chart'] = null;
  for (const s of parsed.data.sheets ?? []) {
    const p = s.properties;
    if (!p) continue;
    usedIds.push(p.sheetId, ...(s.charts ?? []).map((c) => c.chartId));
    // Sheets titles are unique regardless of case: a "summary" tab is taken over, not duplicated.
    const name = TAB_NAMES.find((t) => t.toLowerCase() === p.title.toLowerCase());
    if (!name || tabs[name]) continue;
    tabs[name] = { sheetId: p.sheetId, rowCount: p.gridProperties?.rowCount ?? 0, columnCount: p.gridProperties?.columnCount ?? 0 };
    const first = s.charts?.[0];
    // The chart on Trends is taken as ours; its spec is unknown, so it is rewritten once.
    if (name === 'Trends' && first) chart = { chartId: first.chartId, sheetId: p.sheetId, spec: null, anchor: null };
  }
  return { tabs, usedIds, chart };
}

/** Google's 400 for a request over its size limit ("Request payload size exceeds the limit: 10485760 bytes."). */
export function isPayloadTooLarge(err: unknown): boolean {
  const c = classifyGoogleError(err);
  return c.kind === 'bad-request' && /payload size exceeds the limit/i.test(c.message);
}

export function createCompanySheetWriter(opts: CompanySheetWriterOptions): CompanySheetWriter {
  let client = opts.sheets;
  const sheets = (): sheets_v4.Sheets => {
    client ??= createGoogleClients({
      ...(opts.rootUrl ? { rootUrl: opts.rootUrl } : {}),
      auth: opts.auth ?? (opts.credentials ? { keyFile: opts.credentials } : 'adc'),
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    }).sheets;
    return client;
  };
  const spreadsheetId = opts.spreadsheetId;
  let layout: SheetLayout | null = null;
  let lastHash: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const write = async (ctx: CompanySheetWriteContext): Promise<CompanySheetWriteResult> => {
    const extra: CompanySheetExtra = {
      ...(ctx.history ? { history: ctx.history } : {}),
      ...(ctx.checkins ? { checkins: ctx.checkins } : {}),
      ...(ctx.periods ? { periods: ctx.periods } : {}),
    };
    const model = buildCompanyWorkbook(ctx.document, extra, ctx.now);
    const hash = modelHash(model);
    if (layout && hash === lastHash) return { requests: 0, written: false };

    let requests = 0;
    const discover = async (): Promise<SheetLayout> => {
      requests++;
      const res = await sheets().spreadsheets.get({ spreadsheetId, fields: LAYOUT_FIELDS });
      return layoutFrom(res.data);
    };
    const batchUpdate = async (batch: sheets_v4.Schema$Request[]) => {
      requests++;
      await sheets().spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: batch } });
    };
    const send = async (from: SheetLayout | null): Promise<SheetLayout> => {
      let base = from;
      let sentAdds = false;
      const plan = await withRetry(async () => {
        // A failed batch that created tabs may still have been applied (a lost answer): look again.
        if (!base || sentAdds) base = await discover();
        const p = planWriteBatches(model, base);
        sentAdds = p.added.tabs.length > 0 || p.added.chart;
        await batchUpdate(p.batches[0] ?? []);
        return p;
      }, opts.retry);
      for (const batch of plan.batches.slice(1)) await withRetry(() => batchUpdate(batch), opts.retry);
      return plan.layout;
    };

    try {
      try {
        layout = await send(layout);
      } catch (err) {
        // Remembered ids can go stale (a tab or the chart deleted by hand): re-read and re-plan once.
        if (!layout || classifyGoogleError(err).kind !== 'bad-request' || isPayloadTooLarge(err)) throw err;
        layout = await send(null);
      }
      lastHash = hash;
      return { requests, written: true };
    } catch (err) {
      layout = null;
      lastHash = null;
      throw Object.assign(err instanceof Error ? err : new Error(String(err)), { requests });
    }
  };

  // One write at a time per spreadsheet.
  return (ctx) => {
    const next = queue.then(() => write(ctx));
    queue = next.catch(() => {});
    return next;
  };
}
