// Where the company roll-up is written after a sync. The writers live in sync-service/company-sheet/
// (another module); this file only finds them, so the engine runs fine before they exist.
//
// Contract expected from that folder:
//   xlsx.ts    export function writeCompanyXlsx(document: AlignmentDocument, file: string,
//                extra?: { history?, checkins?, now? }): Promise<void>
//   google.ts  export function createCompanySheetWriter(opts: { spreadsheetId: string; credentials?: string;
//                rootUrl?: string }): (ctx: CompanySheetContext) => Promise<{ requests }>
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config/schema.ts';
import type { CheckinInput, HistoryRow } from '../db/types.ts';
import type { GoogleAuthOption } from '../google/clients.ts';
import type { AlignmentDocument } from './document.ts';
import type { CompanySheetWriter } from './sync.ts';

export type XlsxWriter = (
  document: AlignmentDocument,
  file: string,
  extra?: { history?: readonly HistoryRow[]; checkins?: readonly CheckinInput[]; now?: Date },
) => Promise<void>;

async function load<T>(relative: string, name: string): Promise<T | null> {
  const url = new URL(relative, import.meta.url);
  if (!existsSync(fileURLToPath(url))) return null;
  const mod = (await import(url.href)) as Record<string, unknown>;
  return typeof mod[name] === 'function' ? (mod[name] as T) : null;
}

export function loadXlsxWriter(): Promise<XlsxWriter | null> {
  return load<XlsxWriter>('../company-sheet/xlsx.ts', 'writeCompanyXlsx');
}

type GoogleWriterFactory = (opts: { spreadsheetId: string; credentials?: string; rootUrl?: string; auth?: GoogleAuthOption }) => CompanySheetWriter;

/** The writer for config.companySheet, or a note saying why there is none. */
export async function companySheetWriter(
  config: Pick<Config, 'companySheet' | 'sources'>,
  opts: { rootUrl?: string; auth?: GoogleAuthOption } = {},
): Promise<{ writer?: CompanySheetWriter; note?: string }> {
  const target = config.companySheet;
  if (!target) return {};
  if (target.xlsx) {
    const file = target.xlsx;
    const write = await loadXlsxWriter();
    if (!write) return { note: `companySheet.xlsx is set, but the xlsx company-sheet writer is not available in this build` };
    return {
      writer: async (ctx) => {
        await write(ctx.document, file, { history: ctx.history, checkins: ctx.checkins, now: ctx.now });
        return { requests: 0 };
      },
    };
  }
  if (target.spreadsheetId) {
    const factory = await load<GoogleWriterFactory>('../company-sheet/google.ts', 'createCompanySheetWriter');
    if (!factory) return { note: 'companySheet.spreadsheetId is set, but the Google company-sheet writer is not available in this build' };
    const credentials = config.sources.google?.credentials;
    return {
      writer: factory({
        spreadsheetId: target.spreadsheetId,
        ...(credentials ? { credentials } : {}),
        ...(opts.rootUrl ? { rootUrl: opts.rootUrl } : {}),
        ...(opts.auth ? { auth: opts.auth } : {}),
      }),
    };
  }
  return {};
}
