// The OKR period a tab is judged against: its own Start/End, else the add-on's Settings.
import type { ParsedTable, Period } from '../shared/schemas.ts';
import type { Settings } from './settings.ts';

export function periodFor(table: ParsedTable, settings: Settings): Period | null {
  const label = table.meta.period || settings.period;
  const withLabel = (start: string, end: string): Period => (label ? { label, start, end } : { start, end });
  if (table.meta.start && table.meta.end) return withLabel(table.meta.start, table.meta.end);
  if (settings.start && settings.end) return withLabel(settings.start, settings.end);
  return null;
}
