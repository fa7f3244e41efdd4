/// <reference types="google-apps-script" />
// Apps Script types used across the add-on, named once. Type-only: nothing here runs.
export type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
export type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
export type Range = GoogleAppsScript.Spreadsheet.Range;
export type Ui = GoogleAppsScript.Base.Ui;
/** What getValues() hands back, and what setValues() takes (formulas as '=…' strings). */
export type Value = string | number | boolean | Date;
export type Grid = Value[][];

/** Minimal shape of the onOpen/onInstall event: only the auth mode is read, and only for logging. */
export interface OpenEvent {
  authMode?: unknown;
}
