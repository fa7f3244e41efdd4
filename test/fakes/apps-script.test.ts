import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { type AppsScriptFake, createAppsScriptFake, makeOpenEvent } from './apps-script/index.ts';

const OKR_ROWS = [
  ['Objective', 'Progress'],
  ['Ship v1', 0.5],
  ['Hire', 0.25],
  ['Grow', 0.75],
  ['Total', '=SUM(B2:B4)'],
];

function okrFake(): AppsScriptFake {
  return createAppsScriptFake({ sheets: { OKRs: OKR_ROWS, Other: [] } });
}

describe('values and formulas', () => {
  it('evaluates formulas and recomputes after setValues', () => {
    const fake = okrFake();
    const sheet = fake.globals.SpreadsheetApp.getActive().getSheetByName('OKRs');
    expect(sheet?.getRange('B5').getValue()).toBe(1.5);
    sheet?.getRange(2, 2, 3, 1).setValues([[1], [2], [3]]);
    expect(sheet?.getRange('B5').getValue()).toBe(6);
    expect(sheet?.getRange('B5').getFormula()).toBe('=SUM(B2:B4)');
  });

  it('expands SUM(B2:B4) when a row is inserted inside it, and shifts it when inserted above', () => {
    const fake = okrFake();
    const sheet = fake.sheet('OKRs');
    sheet.insertRowAfter(3); // between B3 and B4: inside the range
    expect(sheet.getRange('B6').getFormula()).toBe('=SUM(B2:B5)');
    sheet.getRange('B4').setValue(10);
    expect(sheet.getRange('B6').getValue()).toBe(11.5);
    sheet.insertRowBefore(2); // above the range: it moves down whole
    expect(sheet.getRange('B7').getFormula()).toBe('=SUM(B3:B6)');
    sheet.insertRowAfter(6); // just below the range: no expansion
    expect(sheet.getRange('B8').getFormula()).toBe('=SUM(B3:B6)');
    sheet.deleteRow(4);
    expect(sheet.getRange('B7').getFormula()).toBe('=SUM(B3:B5)');
    expect(sheet.getRange('B7').getValue()).toBe(11.25);
  });

  it("returns '' for empty cells, Dates for dates, and formula errors as text", () => {
    const fake = createAppsScriptFake({ timeZone: 'America/New_York' });
    const range = fake.globals.SpreadsheetApp.getActiveSheet().getRange('A1:C2');
    const when = new Date('2024-03-15T14:30:05.250Z');
    range.setValues([
      [when, null, '=1/0'],
      ['', '=DATE(2024,1,15)', '=A1+"x"'],
    ]);
    const values = range.getValues();
    expect(values[0]?.[0]).toBeInstanceOf(Date);
    expect(values[0]?.[0]).toEqual(when);
    expect(values[0]?.[1]).toBe('');
    expect(values[0]?.[2]).toBe('#DIV/0!');
    expect(values[1]?.[0]).toBe('');
    // DATE() in New York: midnight local is 05:00Z.
    expect(values[1]?.[1]).toEqual(new Date('2024-01-15T05:00:00.000Z'));
    expect(values[1]?.[2]).toBe('#VALUE!');
    expect(range.getFormulas()).toEqual([
      ['', '', '=1/0'],
      ['', '=DATE(2024,1,15)', '=A1+"x"'],
    ]);
    expect(range.getDisplayValues()[0]?.[0]).toBe('3/15/2024 10:30:05');
  });

  it('parses strings as if typed, except plain-text cells and apostrophes', () => {
    const fake = createAppsScriptFake();
    const range = fake.globals.SpreadsheetApp.getActiveSheet().getRange('A1:E1');
    range.offset(0, 4, 1, 1).setNumberFormat('@');
    range.setValues([['42', 'TRUE', "'007", 'Ship it', '007']]);
    expect(range.getValues()).toEqual([[42, true, '007', 'Ship it', '007']]);
  });

  it('parses typed text as Sheets does: +/- formulas, percents, leading zeros, dates, times, currency', () => {
    const fake = createAppsScriptFake({ timeZone: 'Asia/Tokyo', now: () => new Date('2026-02-15T12:00:00Z') });
    const range = fake.globals.SpreadsheetApp.getActiveSheet().getRange('A1:J1');
    range.setValues([['+1 deal', '- shipped v2', '50%', '007', '2026-01-05', '3/4', '9:30', '$1,200', '-5', "'+1 deal"]]);
    const [row] = range.getValues() as unknown[][];
    expect(row?.slice(0, 2)).toEqual(['#ERROR!', '#ERROR!']);
    expect(range.getFormulas()[0]?.slice(0, 2)).toEqual(['=+1 deal', '=- shipped v2']);
    expect(row?.slice(2, 4)).toEqual([0.5, 7]);
    // Dates are midnight in the spreadsheet's zone (Tokyo: 15:00Z the day before); "3/4" is this year's.
    expect(row?.[4]).toEqual(new Date('2026-01-04T15:00:00Z'));
    expect(row?.[5]).toEqual(new Date('2026-03-03T15:00:00Z'));
    expect(row?.[6]).toBeInstanceOf(Date);
    expect(range.getDisplayValues()[0]?.[6]).toBe('9:30:00 AM');
    expect(row?.slice(7)).toEqual([1200, -5, '+1 deal']);
  });

  it('evaluates the Google Sheets formulas an OKR sheet uses', () => {
    const fake = createAppsScriptFake({
      sheets: {
        KRs: [
          ['Status', 'Score', 'Flag', 'Len', 'Rank'],
          [' Done ', 1, '=ARRAYFORMULA(IF(ISNUMBER(B2:B4),B2:B4*2,""))', '=LEN(TRIM(A2))', '=MATCH(LOWER(TRIM(A2)),{"todo","doing","done"},0)'],
          ['doing', 'n/a', null, '=N(B3)', '=MIN(B2:B4)+MAX(B2:B4)'],
          ['todo', 0.5, null, '=SUMPRODUCT(ISNUMBER(B2:B4)*(B2:B4>0.4))', '=SUM(Summary!A1:A)'],
        ],
        Summary: [[2], [3]],
      },
    });
    expect(fake.sheetValues('KRs').slice(1)).toEqual([
      [' Done ', 1, 2, 4, 3],
      ['doing', 'n/a', '', 0, 1.5],
      ['todo', 0.5, 1, 2, 5],
    ]);
    // The formula text stays as written, open-ended range included.
    expect(fake.sheetFormulas('KRs')[3]?.[4]).toBe('=SUM(Summary!A1:A)');
  });

  it('keeps cross-sheet references working through renames', () => {
    const fake = createAppsScriptFake({ sheets: { Data: [[5]], View: [['=Data!A1*2']] } });
    const ss = fake.spreadsheet;
    ss.getSheetByName('Data')?.setName('Source');
    ss.getRange('Source!A1').setValue(7);
    expect(ss.getRange('View!A1').getValue()).toBe(14);
    expect(ss.getRange('View!A1').getFormula()).toBe('=Source!A1*2');
  });

  it('fills a multi-cell setFormula with relative references', () => {
    const fake = createAppsScriptFake({ sheets: { S: [[1], [2], [3]] } });
    const sheet = fake.sheet('S');
    sheet.getRange('B1:B3').setFormula('=A1*10');
    expect(sheet.getRange('B1:B3').getValues()).toEqual([[10], [20], [30]]);
    expect(sheet.getRange('B3').getFormula()).toBe('=A3*10');
  });

  it('uses the fake clock and spreadsheet time zone for TODAY()', () => {
    const fake = createAppsScriptFake({ timeZone: 'Asia/Tokyo', now: () => new Date('2024-06-30T20:00:00Z') });
    const cell = fake.globals.SpreadsheetApp.getActiveSheet().getRange('A1');
    cell.setFormula('=TODAY()');
    // 20:00Z on June 30 is already July 1 in Tokyo.
    expect(cell.getDisplayValue()).toBe('7/1/2024');
  });
});

describe('shape and name errors', () => {
  it('rejects setValues with the wrong dimensions like Apps Script', () => {
    const fake = createAppsScriptFake();
    const range = fake.globals.SpreadsheetApp.getActiveSheet().getRange(1, 1, 3, 2);
    expect(() => range.setValues([[1, 2]])).toThrow('The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 3.');
    expect(() => range.setValues([[1], [2], [3]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(range.getValues()).toEqual([
      ['', ''],
      ['', ''],
      ['', ''],
    ]);
  });

  it('refuses a duplicate sheet name and out-of-grid ranges', () => {
    const fake = okrFake();
    const ss = fake.spreadsheet;
    expect(() => ss.insertSheet('OKRs')).toThrow('A sheet with the name "OKRs" already exists. Please enter another name.');
    const added = ss.insertSheet('Log', 0);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Log', 'OKRs', 'Other']);
    expect(ss.getActiveSheet().getName()).toBe('Log');
    expect(() => added.getRange(1001, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => added.getRange(0, 1)).toThrow('The starting row of the range is too small.');
  });

  it('rejects input that violates a reject-invalid data validation, and accepts valid input', () => {
    const fake = createAppsScriptFake();
    const app = fake.globals.SpreadsheetApp;
    const cell = app.getActiveSheet().getRange('A1');
    cell.setDataValidation(app.newDataValidation().requireValueInList(['On track', 'At risk'], true).setAllowInvalid(false).build());
    expect(() => cell.setValue('Late')).toThrow('violates the data validation rules');
    cell.setValue('At risk');
    expect(cell.getValue()).toBe('At risk');
    expect(cell.getDataValidation()?.getCriteriaValues()).toEqual([['On track', 'At risk'], true]);
  });
});

describe('counters', () => {
  it('counts one getRange plus one getValues as two range calls', () => {
    const fake = okrFake();
    const sheet = fake.sheet('OKRs');
    fake.counters.reset();
    sheet.getRange('A1:B5').getValues();
    expect(fake.counters.rangeCalls).toBe(2);
    expect(fake.counters.byMethod).toEqual({ 'Sheet.getRange': 1, 'Range.getValues': 1 });
    // Spreadsheet.getRange delegates to Sheet.getRange internally: still one call.
    fake.counters.reset();
    fake.spreadsheet.getRange('OKRs!B5').getValue();
    expect(fake.counters.byMethod).toEqual({ 'Spreadsheet.getRange': 1, 'Range.getValue': 1 });
    expect(fake.counters.calls).toBe(2);
  });

  it('counts only the outermost call and the same number whatever the sheet size', () => {
    const run = (rows: number) => {
      const data = [['Name', 'Score'], ...Array.from({ length: rows }, (_, i) => [`kr${i}`, i])];
      const fake = createAppsScriptFake({ sheets: { KRs: data } });
      const sheet = fake.sheet('KRs');
      return fake.counters.measure(() => {
        const values = sheet.getDataRange().getValues();
        sheet.getRange(2, 3, values.length - 1, 1).setValue('=B2*2'); // fills internally: still one call
        sheet.appendRow(['new', 1]);
        return sheet.getLastRow();
      });
    };
    const small = run(10);
    const large = run(1000);
    expect(small.result).toBe(12);
    expect(large.result).toBe(1002);
    // getDataRange, getValues, getRange, setValue, appendRow, getLastRow
    expect(small.rangeCalls).toBe(6);
    expect(large.byMethod).toEqual(small.byMethod);
  });
});

describe('authorization modes', () => {
  it('refuses data and properties in AuthMode.NONE but lets onOpen build menus', () => {
    const fake = okrFake();
    const { SpreadsheetApp, PropertiesService, Session } = fake.globals;
    const e = makeOpenEvent(fake, 'NONE');
    expect(e.authMode).toBe('NONE');
    SpreadsheetApp.getUi().createAddonMenu().addItem('Open', 'showSidebar').addToUi();
    expect(() => SpreadsheetApp.getActiveSpreadsheet()).toThrow(/You do not have permission to call SpreadsheetApp.getActiveSpreadsheet \(AuthMode.NONE\)/);
    expect(() => PropertiesService.getDocumentProperties()).toThrow(/AuthMode.NONE/);
    expect(() => e.source.getSheets()).toThrow(/AuthMode.NONE/);
    expect(() => Session.getActiveUser()).toThrow(/AuthMode.NONE/);
    expect(fake.counters.deniedInNoneMode).toEqual([
      'SpreadsheetApp.getActiveSpreadsheet',
      'PropertiesService.getDocumentProperties',
      'Spreadsheet.getSheets',
      'Session.getActiveUser',
    ]);
    expect(fake.counters.rangeCalls).toBe(0);
    fake.setAuthMode('FULL');
    expect(SpreadsheetApp.getActiveSpreadsheet().getSheets()).toHaveLength(2);
  });

  it('stores properties as strings per store', () => {
    const fake = createAppsScriptFake();
    const props = fake.globals.PropertiesService.getDocumentProperties();
    props.setProperty('count', 3 as unknown as string).setProperties({ a: 'x' });
    expect(props.getProperty('count')).toBe('3');
    expect(props.getProperty('missing')).toBeNull();
    expect(fake.globals.PropertiesService.getUserProperties().getProperties()).toEqual({});
    expect(Object.fromEntries(fake.properties.document)).toEqual({ count: '3', a: 'x' });
    expect(() => props.setProperty('big', 'x'.repeat(10_000))).toThrow('Argument too large: value');
  });
});

describe('LockService', () => {
  it('acquires, counts and times out when another execution holds the lock', () => {
    const fake = createAppsScriptFake();
    const lock = fake.globals.LockService.getDocumentLock();
    lock.waitLock(1000);
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    expect(fake.counters.lockAcquisitions).toBe(1);
    fake.locks.holdByOther('document');
    expect(() => fake.globals.LockService.getDocumentLock().waitLock(30_000)).toThrow('Lock timeout');
    expect(fake.globals.LockService.getDocumentLock().tryLock(10)).toBe(false);
    expect(fake.globals.LockService.getScriptLock().tryLock(10)).toBe(true);
    expect(fake.counters.lockAcquisitions).toBe(2);
  });
});

describe('Ui and HtmlService', () => {
  it('records menus as captions -> function names', () => {
    const fake = createAppsScriptFake({ addonName: 'OKR Sheets' });
    const ui = fake.globals.SpreadsheetApp.getUi();
    const sub = ui.createMenu('Admin').addItem('Reset', 'resetAll');
    ui.createAddonMenu().addItem('Open sidebar', 'showSidebar').addSeparator().addSubMenu(sub).addToUi();
    expect(fake.ui.menuItems()).toEqual([
      { path: ['OKR Sheets', 'Open sidebar'], caption: 'Open sidebar', functionName: 'showSidebar' },
      { path: ['OKR Sheets', 'Admin', 'Reset'], caption: 'Reset', functionName: 'resetAll' },
    ]);
    expect(fake.ui.missingMenuHandlers({ showSidebar() {} })).toEqual(['resetAll']);
  });

  it('answers prompts and alerts from scripted queues', () => {
    const fake = createAppsScriptFake();
    const ui = fake.globals.SpreadsheetApp.getUi();
    fake.ui.queuePrompt('Q3 2025');
    fake.ui.queuePrompt('', 'CANCEL');
    fake.ui.queueAlert('NO');
    const first = ui.prompt('New cycle', 'Name of the cycle?', ui.ButtonSet.OK_CANCEL);
    expect(first.getResponseText()).toBe('Q3 2025');
    expect(first.getSelectedButton()).toBe(ui.Button.OK);
    expect(ui.prompt('Name?', ui.ButtonSet.OK_CANCEL).getSelectedButton()).toBe(ui.Button.CANCEL);
    expect(ui.alert('Delete?', 'Really?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    expect(ui.alert('Done')).toBe(ui.Button.OK);
    expect(() => ui.prompt('Unscripted')).toThrow(/no answer was queued/);
    expect(fake.ui.alerts.map((a) => a.prompt)).toEqual(['Really?', 'Done']);
  });

  it('renders HTML files and templates into recorded dialogs', () => {
    const fake = createAppsScriptFake({ htmlFiles: { Sidebar: '<h1><?= title ?></h1><? for (const kr of krs) { ?><li><?= kr ?></li><? } ?>' } });
    const { HtmlService, SpreadsheetApp } = fake.globals;
    const template = HtmlService.createTemplateFromFile('Sidebar');
    template.title = 'OKRs & KRs';
    template.krs = ['a', '<b>'];
    SpreadsheetApp.getUi().showSidebar(template.evaluate().setTitle('OKR Sheets'));
    SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput('<p>hi</p>').setWidth(400).setHeight(300), 'Settings');
    expect(fake.ui.dialogs.map(({ kind, title, html, width }) => ({ kind, title, html, width }))).toEqual([
      { kind: 'sidebar', title: 'OKR Sheets', html: '<h1>OKRs &amp; KRs</h1><li>a</li><li>&lt;b&gt;</li>', width: undefined },
      { kind: 'modal', title: 'Settings', html: '<p>hi</p>', width: 400 },
    ]);
    expect(() => HtmlService.createHtmlOutputFromFile('Missing')).toThrow('No HTML file named Missing was found.');
  });
});

describe('globals', () => {
  let fake: AppsScriptFake | undefined;
  afterEach(() => fake?.uninstall());

  it('installs on globalThis and restores on uninstall', () => {
    fake = createAppsScriptFake();
    const g = globalThis as Record<string, unknown>;
    expect(g.SpreadsheetApp).toBeUndefined();
    fake.install();
    expect(g.SpreadsheetApp).toBe(fake.globals.SpreadsheetApp);
    fake.uninstall();
    expect(g.SpreadsheetApp).toBeUndefined();
  });

  it('runs a script bundle in a vm context, handing it that realm\'s Dates', () => {
    fake = createAppsScriptFake({ now: () => new Date('2025-01-02T03:04:05Z'), timeZone: 'UTC' });
    const context = fake.createVmContext();
    vm.runInContext(
      `function onOpen(e) { SpreadsheetApp.getUi().createMenu('OKR').addItem('Stamp', 'stamp').addToUi(); }
       function stamp() {
         const cell = SpreadsheetApp.getActiveSheet().getRange('A1');
         cell.setValue(new Date());
         const v = cell.getValue();
         return [v instanceof Date, Utilities.formatDate(v, 'UTC', "yyyy-MM-dd'T'HH:mm:ss"), Date.now(), typeof Date()];
       }`,
      context,
    );
    context.onOpen(fake.makeOpenEvent('NONE'));
    expect(fake.ui.missingMenuHandlers(context)).toEqual([]);
    fake.setAuthMode('FULL');
    expect(Array.from(context.stamp() as unknown[])).toEqual([true, '2025-01-02T03:04:05', Date.parse('2025-01-02T03:04:05Z'), 'string']);
  });
});

describe('Utilities and sheet structure', () => {
  it('formats dates with Java patterns in a time zone', () => {
    const { Utilities } = createAppsScriptFake().globals;
    const d = new Date('2024-12-31T23:30:00Z');
    expect(Utilities.formatDate(d, 'Europe/Paris', 'yyyy-MM-dd')).toBe('2025-01-01');
    expect(Utilities.formatDate(d, 'Europe/Paris', 'yyyy-MM-dd HH:mm')).toBe('2025-01-01 00:30');
    expect(Utilities.formatDate(d, 'UTC', "yyyy-MM-dd'T'HH:mm:ss")).toBe('2024-12-31T23:30:00');
  });

  it('keeps notes, formats, protections and conditional-format ranges with their rows', () => {
    const fake = okrFake();
    const app = fake.globals.SpreadsheetApp;
    const sheet = fake.sheet('OKRs');
    sheet.getRange('A3').setNote('owner: ana').setBackground('red');
    sheet.getRange('B2:B4').protect().setWarningOnly(true).setDescription('scores');
    const rule = app.newConditionalFormatRule().whenNumberLessThan(0.4).setBackground('#F4CCCC').setRanges([sheet.getRange('B2:B4')]).build();
    sheet.setConditionalFormatRules([rule]);
    sheet.insertRowsBefore(2, 2);
    expect(sheet.getRange('A5').getNote()).toBe('owner: ana');
    expect(sheet.getRange('A5').getBackground()).toBe('#ff0000');
    const [protection] = sheet.getProtections(app.ProtectionType.RANGE);
    expect(protection?.getRange().getA1Notation()).toBe('B4:B6');
    expect(protection?.isWarningOnly()).toBe(true);
    const [stored] = sheet.getConditionalFormatRules();
    expect(stored?.getRanges().map((r) => r.getA1Notation())).toEqual(['B4:B6']);
    expect(stored?.getBooleanCondition().getCriteriaType()).toBe('NUMBER_LESS_THAN');
    expect(stored?.getBooleanCondition().getBackground()).toBe('#f4cccc');
  });

  it('keeps open-ended references reaching rows appended past the end of the grid', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [i === 0 ? 'n' : 1]);
    const fake = createAppsScriptFake({ sheets: { Log: rows, Sum: [['=SUM(Log!A2:A)', '=COUNTA(Log!A:A)']] } });
    const log = fake.sheet('Log');
    expect(log.getMaxRows()).toBe(1000);
    log.appendRow([5]);
    expect(log.getMaxRows()).toBe(1001);
    expect(fake.sheetValues('Sum')).toEqual([[1004, 1001]]);
    log.insertRowsAfter(1001, 1);
    log.getRange(1002, 1).setValue(2);
    expect(fake.sheetValues('Sum')).toEqual([[1006, 1002]]);
    expect(fake.sheetFormulas('Sum')).toEqual([['=SUM(Log!A2:A)', '=COUNTA(Log!A:A)']]);
    expect(() => log.getRange(1.5, 1)).toThrow('Cannot convert 1.5 to int.');
  });

  it('appends after the last row with content and reads whole columns', () => {
    const fake = okrFake();
    const sheet = fake.sheet('OKRs');
    sheet.appendRow(['Learn', '=B2*2']);
    expect(sheet.getLastRow()).toBe(6);
    expect(sheet.getRange('A:A').getNumRows()).toBe(1000);
    expect(sheet.getRange('A2:A').getA1Notation()).toBe('A2:A');
    expect(sheet.getRange('B2:B').getValues().slice(0, 5).flat()).toEqual([0.5, 0.25, 0.75, 1.5, 1]);
  });
});
