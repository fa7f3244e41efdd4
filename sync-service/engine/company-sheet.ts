// Where the company roll-up is written after a sync: a Google spreadsheet (config.companySheet
// .spreadsheetId) or a local .xlsx (config.companySheet.xlsx).
import type { Config } from '../config/schema.ts';
import { type CompanySheetWriterOptions, createCompanySheetWriter } from '../company-sheet/google.ts';
import { writeCompanyXlsx } from '../company-sheet/xlsx.ts';
import type { CompanySheetWriter } from './sync.ts';

/** The writer for config.companySheet (created once, so it remembers what it last wrote). */
export function companySheetWriter(config: Pick<Config, 'companySheet' | 'sources'>, opts: Pick<CompanySheetWriterOptions, 'rootUrl' | 'auth'> = {}): CompanySheetWriter | undefined {
  const target = config.companySheet;
  if (target?.xlsx) {
    const file = target.xlsx;
    return async (ctx) => {
      await writeCompanyXlsx(ctx.document, file, { history: ctx.history, checkins: ctx.checkins, now: ctx.now });
      return { requests: 0 };
    };
  }
  if (target?.spreadsheetId) {
    const credentials = config.sources.google?.credentials;
    return createCompanySheetWriter({ spreadsheetId: target.spreadsheetId, ...(credentials ? { credentials } : {}), ...(opts.rootUrl ? { rootUrl: opts.rootUrl } : {}), ...(opts.auth ? { auth: opts.auth } : {}) });
  }
  return undefined;
}
