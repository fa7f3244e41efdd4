// The sources a config names: a workbook folder and/or Google Drive.
import type { Config } from '../config/schema.ts';
import { folderSource } from './folder.ts';
import { createGoogleSheetSource, type GoogleSourceSetup } from './google.ts';
import type { Source } from './types.ts';

export function createSources(config: Pick<Config, 'sources'> & Partial<Pick<Config, 'companySheet' | 'reminders'>>, google: GoogleSourceSetup = {}): Source[] {
  const sources: Source[] = [];
  if (config.sources.folder) sources.push(folderSource(config.sources.folder));
  // The company spreadsheet the service writes is no team's sheet, even when it sits in the folder.
  const companySheetId = config.companySheet?.spreadsheetId;
  // People tabs only matter to reminders, and cost Google sheets without one a tab discovery.
  const people = config.reminders?.peopleTab === true;
  if (config.sources.google) {
    sources.push(createGoogleSheetSource({ ...config.sources.google, people, ...(companySheetId ? { exclude: [companySheetId] } : {}) }, google));
  }
  return sources;
}

export type { Source, SourceEntry } from './types.ts';
