// The sources a config names: a workbook folder and/or Google Drive.
import type { Config } from '../config/schema.ts';
import { folderSource } from './folder.ts';
import { createGoogleSheetSource, type GoogleSourceSetup } from './google.ts';
import type { Source } from './types.ts';

export function createSources(config: Pick<Config, 'sources'>, google: GoogleSourceSetup = {}): Source[] {
  const sources: Source[] = [];
  if (config.sources.folder) sources.push(folderSource(config.sources.folder));
  if (config.sources.google) sources.push(createGoogleSheetSource(config.sources.google, google));
  return sources;
}

export type { Source, SourceEntry } from './types.ts';
