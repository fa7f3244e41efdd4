/// <reference types="google-apps-script" />
// The add-on's settings: stored as one JSON document property, validated before they are kept.
import { parseDate } from '../shared/values.ts';

export interface Settings {
  team: string;
  period: string;
  /** YYYY-MM-DD or '' */
  start: string;
  end: string;
  mission: string;
  syncUrl: string;
}

export type SettingsField = keyof Settings;
export interface FieldError {
  field: SettingsField;
  message: string;
}

export const SETTINGS_PROPERTY = 'okr.settings';
export const EMPTY_SETTINGS: Readonly<Settings> = {
  team: '',
  period: '',
  start: '',
  end: '',
  mission: '',
  syncUrl: '',
};
const FIELDS = Object.keys(EMPTY_SETTINGS) as SettingsField[];
const MAX_LENGTH: Record<SettingsField, number> = {
  team: 100,
  period: 60,
  start: 30,
  end: 30,
  mission: 500,
  syncUrl: 500,
};
const LABELS: Record<SettingsField, string> = {
  team: 'Team name',
  period: 'Period',
  start: 'Start',
  end: 'End',
  mission: 'Company mission',
  syncUrl: 'Sync service URL',
};
// https anywhere; plain http only for a service on this machine (development).
const URL_PATTERN = /^(https:\/\/[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|http:\/\/(localhost|127\.0\.0\.1))(:\d{1,5})?(\/[^\s]*)?$/i;

/** Validates raw form input; on success the dates come back as YYYY-MM-DD. */
export function validateSettings(input: unknown): { ok: true; settings: Settings } | { ok: false; errors: FieldError[] } {
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  const s: Settings = { ...EMPTY_SETTINGS };
  for (const field of FIELDS) {
    const v = raw[field];
    if (v !== undefined && v !== null && typeof v !== 'string') {
      errors.push({ field, message: `${LABELS[field]} must be text` });
      continue;
    }
    const text = (v ?? '').replace(/\s+/g, ' ').trim();
    if (text.length > MAX_LENGTH[field])
      errors.push({
        field,
        message: `${LABELS[field]} is too long (at most ${MAX_LENGTH[field]} characters)`,
      });
    s[field] = text;
  }
  for (const field of ['start', 'end'] as const) {
    if (!s[field]) continue;
    const d = parseDate(s[field]);
    if (d.kind === 'ok') s[field] = d.value;
    else
      errors.push({
        field,
        message: `${LABELS[field]} "${s[field]}" is not a date (expected e.g. 2026-10-01)`,
      });
  }
  if (!errors.some((e) => e.field === 'start' || e.field === 'end')) {
    if ((s.start === '') !== (s.end === '')) {
      errors.push({
        field: s.start ? 'end' : 'start',
        message: 'Give both Start and End, or neither: status against time needs the whole period',
      });
    } else if (s.start && s.end && s.end < s.start) {
      errors.push({
        field: 'end',
        message: `The period ends (${s.end}) before it starts (${s.start})`,
      });
    }
  }
  if (s.syncUrl && !URL_PATTERN.test(s.syncUrl)) {
    errors.push({
      field: 'syncUrl',
      message: 'Sync service URL must start with https:// (http:// only for localhost), e.g. https://okr.example.com',
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, settings: s };
}

/** Whatever is stored, read defensively (a hand-edited property must not break the add-on). */
export function parseStoredSettings(json: string | null): Settings {
  if (!json) return { ...EMPTY_SETTINGS };
  try {
    const raw = JSON.parse(json) as Record<string, unknown>;
    const s: Settings = { ...EMPTY_SETTINGS };
    for (const field of FIELDS) if (typeof raw[field] === 'string') s[field] = raw[field] as string;
    return s;
  } catch {
    return { ...EMPTY_SETTINGS };
  }
}

export function readSettings(): Settings {
  return parseStoredSettings(PropertiesService.getDocumentProperties().getProperty(SETTINGS_PROPERTY));
}

export function writeSettings(s: Settings): void {
  PropertiesService.getDocumentProperties().setProperty(SETTINGS_PROPERTY, JSON.stringify(s));
}

export const SETTINGS_LABELS = LABELS;
