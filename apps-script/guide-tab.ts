/// <reference types="google-apps-script" />
// "OKR guide": opens the Guide tab, writing it first if it is missing — the text with one
// setValues, its look with one call per property (weights, sizes, colours) over the same range.
import { GRADE_COLORS } from '../shared/grades.ts';
import type { Sheet } from './gas.ts';
import { GUIDE, GUIDE_TAB, type GuideStyle } from './guide.ts';
import { HEADER_BACKGROUND } from './style.ts';

interface Look {
  weight: 'bold' | 'normal';
  size: number;
  background: string | null;
  color: string;
}

const PLAIN: Look = {
  weight: 'normal',
  size: 10,
  background: null,
  color: '#202124',
};
const LOOKS: Record<GuideStyle, Look> = {
  title: { ...PLAIN, weight: 'bold', size: 18 },
  lead: { ...PLAIN, size: 11 },
  heading: {
    ...PLAIN,
    weight: 'bold',
    size: 13,
    background: HEADER_BACKGROUND,
  },
  text: PLAIN,
  term: { ...PLAIN, weight: 'bold' },
  before: { ...PLAIN, color: GRADE_COLORS.red.text },
  after: { ...PLAIN, color: GRADE_COLORS.green.text },
  red: {
    ...PLAIN,
    weight: 'bold',
    background: GRADE_COLORS.red.background,
    color: GRADE_COLORS.red.text,
  },
  yellow: {
    ...PLAIN,
    weight: 'bold',
    background: GRADE_COLORS.yellow.background,
    color: GRADE_COLORS.yellow.text,
  },
  green: {
    ...PLAIN,
    weight: 'bold',
    background: GRADE_COLORS.green.background,
    color: GRADE_COLORS.green.text,
  },
  check: PLAIN,
  spacer: { ...PLAIN, size: 6 },
};

export function openOkrGuide(): Sheet {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const existing = ss.getSheetByName(GUIDE_TAB);
  if (existing) {
    existing.activate();
    return existing;
  }
  const sheet = ss.insertSheet(GUIDE_TAB);
  writeGuide(sheet);
  sheet.activate();
  return sheet;
}

export function writeGuide(sheet: Sheet): void {
  const looks = GUIDE.map((l) => LOOKS[l.style]);
  // The label column carries the look of the row's kind; the text column stays plain except for headings and scale rows.
  const both = (l: { style: GuideStyle }) => l.style === 'title' || l.style === 'heading' || l.style === 'red' || l.style === 'yellow' || l.style === 'green';
  const text = (i: number): Look =>
    both(GUIDE[i]!) ? looks[i]! : GUIDE[i]!.style === 'before' || GUIDE[i]!.style === 'after' ? { ...PLAIN, color: looks[i]!.color } : PLAIN;
  const range = sheet.getRange(1, 1, GUIDE.length, 2);
  // Text format first, so nothing in the guide is read as a number, date or formula.
  range.setNumberFormat('@');
  range.setValues(GUIDE.map((l) => [l.label, l.text]));
  range.setFontWeights(looks.map((look, i) => [look.weight, text(i).weight]));
  range.setFontSizes(looks.map((look, i) => [look.size, text(i).size]));
  range.setFontColors(looks.map((look, i) => [look.color, text(i).color]));
  range.setBackgrounds(looks.map((look, i) => [look.background, text(i).background]) as string[][]);
  range.setWrap(true).setVerticalAlignment('top');
  sheet.setColumnWidth(1, 200);
  sheet.setColumnWidth(2, 760);
  sheet.setHiddenGridlines(true);
}
