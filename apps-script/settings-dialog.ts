/// <reference types="google-apps-script" />
// "Settings…": an HTML dialog over the stored settings. Saving validates, stores them in the
// document properties, and updates the Team:/Period:/Start:/End:/Mission: cells of the active OKR tab.
import { columnForHeader } from '../shared/columns.ts';
import { findHeader, HEADER_SCAN_ROWS, metadataLabel } from '../shared/header.ts';
import { type Cell, cellText } from '../shared/values.ts';
import type { Sheet, Value } from './gas.ts';
import { escapeHtml, page } from './html.ts';
import { spreadsheetTimeZone, wallClockGrid } from './zoned.ts';
import { type FieldError, readSettings, SETTINGS_LABELS, type Settings, type SettingsField, validateSettings, writeSettings } from './settings.ts';

export type SaveSettingsResult = { ok: true; settings: Settings; updatedTab: string | null } | { ok: false; errors: FieldError[] };

export function openSettings(): void {
  const html = HtmlService.createHtmlOutput(settingsHtml(readSettings())).setWidth(460).setHeight(600);
  SpreadsheetApp.getUi().showModalDialog(html, 'OKR settings');
}

/** Called by the dialog (google.script.run.saveSettings). */
export function saveSettings(input: unknown): SaveSettingsResult {
  const v = validateSettings(input);
  if (!v.ok) return v;
  writeSettings(v.settings);
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
  return {
    ok: true,
    settings: v.settings,
    updatedTab: applySettingsToTab(sheet, v.settings) ? sheet.getName() : null,
  };
}

/**
 * Rewrites the `Key: value` cells above an OKR table's header with the non-blank settings (only
 * keys the tab already has: a team tab gets no Mission). One read and one write of that block.
 */
export function applySettingsToTab(sheet: Sheet, s: Settings): boolean {
  const rows = Math.min(HEADER_SCAN_ROWS, sheet.getLastRow());
  const cols = sheet.getLastColumn();
  if (rows < 1 || cols < 1) return false;
  const range = sheet.getRange(1, 1, rows, cols);
  const grid = range.getValues() as Cell[][];
  // Compared as the sheet shows them (its time zone); written back as read.
  const shown = wallClockGrid(grid, spreadsheetTimeZone(sheet.getParent()));
  const header = findHeader(grid, columnForHeader, ['objectiveId', 'keyResult']);
  if (!header || header.index === 0) return false;
  const block = grid.slice(0, header.index).map((row) => [...row]);
  let changed = false;
  const set = (r: number, c: number, v: string) => {
    if (cellText(block[r]![c] === grid[r]![c] ? shown[r]![c] : block[r]![c]) === v) return;
    block[r]![c] = v;
    changed = true;
  };
  // The team name is a team tab's; a company tab (it has a Mission or Level: Company) keeps its own.
  const isCompany = readMetadataKeys(block).has('mission') || block.some((row) => row.some((c) => typeof c === 'string' && /^\s*level\s*:\s*company/i.test(c)));
  const done = new Set<string>(isCompany ? ['team'] : []);
  block.forEach((row, r) => {
    row.forEach((cell, c) => {
      const found = labelKey(cell);
      if (!found || done.has(found.key)) return;
      done.add(found.key);
      const value = s[found.key];
      if (!value) return;
      if (found.inline !== '') {
        set(r, c, `${found.label}: ${value}`);
        return;
      }
      let next = c + 1;
      while (next < row.length && cellText(row[next]) === '') next++;
      set(r, next < row.length ? next : c + 1, value);
    });
  });
  if (!changed) return false;
  // Keep any formula in the block (the grid holds only its result).
  const formulas = range.getFormulas();
  const out: Value[][] = block.map((row, r) => row.map((v, c) => (formulas[r]?.[c] && v === grid[r]![c] ? formulas[r]![c]! : ((v ?? '') as Value))));
  sheet.getRange(1, 1, header.index, cols).setValues(out);
  return true;
}

type SettingsMetaKey = Extract<SettingsField, 'team' | 'period' | 'start' | 'end' | 'mission'>;

/** The settings field a `Key: value` label names (Level is the template's own, not a setting). */
function labelKey(cell: Cell): { key: SettingsMetaKey; label: string; inline: string } | null {
  const found = metadataLabel(cell);
  return found && found.key !== 'level' ? { ...found, key: found.key } : null;
}

function readMetadataKeys(block: Cell[][]): Set<string> {
  return new Set(block.flatMap((row) => row.map((c) => labelKey(c)?.key).filter((k): k is NonNullable<typeof k> => k !== undefined)));
}

const FIELD_HELP: Partial<Record<SettingsField, string>> = {
  team: 'Used as Team: in new team templates.',
  period: 'A label, e.g. 2026 Q3.',
  start: 'First day of the period (YYYY-MM-DD).',
  end: 'Last day of the period.',
  mission: 'Shown as Mission: on the company template.',
  syncUrl: 'Where the company alignment view runs, e.g. https://okr.example.com (optional): the check-in sidebar links to your team’s page there.',
};

export function settingsHtml(s: Settings): string {
  const input = (field: SettingsField, type: string) =>
    `<label for="${field}">${escapeHtml(SETTINGS_LABELS[field])}</label>` +
    (field === 'mission'
      ? `<textarea id="${field}" rows="3">${escapeHtml(s[field])}</textarea>`
      : `<input id="${field}" type="${type}" value="${escapeHtml(s[field])}">`) +
    `<div class="help">${escapeHtml(FIELD_HELP[field] ?? '')}</div><div class="field-error" id="${field}-error"></div>`;
  const body =
    `<p>Saved with this spreadsheet. Saving also updates the Team, Period, Start, End and Mission cells of the OKR tab you have open.</p>` +
    input('team', 'text') +
    input('period', 'text') +
    input('start', 'date') +
    input('end', 'date') +
    input('mission', 'text') +
    input('syncUrl', 'url') +
    `<div class="field-error" id="form-error"></div><div class="buttons"><button onclick="google.script.host.close()">Cancel</button><button class="primary" id="save" onclick="save()">Save</button></div>`;
  const script = `
var FIELDS=${JSON.stringify(Object.keys(SETTINGS_LABELS))};
function save(){
  var form={};FIELDS.forEach(function(f){form[f]=document.getElementById(f).value;document.getElementById(f+'-error').textContent='';});
  var button=document.getElementById('save');button.disabled=true;
  google.script.run.withSuccessHandler(function(r){
    button.disabled=false;
    if(r.ok){google.script.host.close();return;}
    r.errors.forEach(function(e){document.getElementById(e.field+'-error').textContent=e.message;});
  }).withFailureHandler(function(e){button.disabled=false;document.getElementById('form-error').textContent=String(e&&e.message||e);}).saveSettings(form);
}`;
  return page(body, script);
}
