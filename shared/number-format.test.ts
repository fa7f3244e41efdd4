import { describe, expect, it } from 'vitest';
import { formatChange, formatNumber, formatRange, formatTyped, keyResultStyle, PLAIN } from './number-format.ts';

const kr = (title: string, start: number | null, target: number | null, currentRaw = '', type: string | null = 'metric') => ({
  type,
  title,
  start,
  target,
  currentRaw,
});

describe('the one number formatter', () => {
  it('reads the style from a Current typed as text, the title, or a rate’s shape', () => {
    expect(keyResultStyle(kr('Cloud spend', 182_000, 150_000, '$171,000'))).toEqual({ prefix: '$', percent: false });
    expect(keyResultStyle(kr('Monthly cloud spend from $182,000 down to $150,000', 182_000, 150_000, '171000'))).toEqual({ prefix: '$', percent: false });
    expect(keyResultStyle(kr('Activation', 0.35, 0.7, '52%'))).toEqual({ prefix: '', percent: true });
    expect(keyResultStyle(kr('Activation from 35% to 70%', 0.35, 0.7, '0.52'))).toEqual({ prefix: '', percent: true });
    expect(keyResultStyle(kr('Activation', 0.35, 0.7))).toEqual({ prefix: '', percent: true });
    expect(keyResultStyle(kr('New customers from 0 to 45', 0, 45, '24'))).toEqual(PLAIN);
    expect(keyResultStyle(kr('Judgement', null, null, '0.6', 'manual')).percent).toBe(true);
    expect(keyResultStyle(kr('Ship it', null, null, 'yes', 'binary'))).toEqual(PLAIN);
    // A title mentioning money or a percentage in words only, not before/after a digit, is plain.
    expect(keyResultStyle(kr('Cut $ spent on tools by a third', 30, 20))).toEqual(PLAIN);
  });

  it('prints numbers as people typed them', () => {
    const usd = { prefix: '$', percent: false };
    const pct = { prefix: '', percent: true };
    expect(formatNumber(171_000, usd)).toBe('$171,000');
    expect(formatNumber(-5000, usd)).toBe('-$5,000');
    expect(formatNumber(0.35, pct)).toBe('35%');
    expect(formatNumber(0.014, pct)).toBe('1.4%');
    expect(formatNumber(1200)).toBe('1,200');
    expect(formatNumber(2.125)).toBe('2.13');
    expect(formatNumber(null)).toBe('–');
    expect(formatRange(kr('Activation from 35% to 70%', 0.35, 0.7))).toBe('35% → 70%');
    expect(formatRange(kr('Spend from $182,000 to $150,000', 182_000, 150_000))).toBe('$182,000 → $150,000');
    expect(formatRange(kr('Hires', null, 40))).toBe('0 → 40');
  });

  it('formats check-in values (stored as text) in the key result’s style, and leaves words alone', () => {
    const pct = keyResultStyle(kr('Activation from 35% to 70%', 0.35, 0.7));
    expect(formatChange('0.35', '0.7', pct)).toBe('35% → 70%');
    expect(formatChange('', 0.4, pct)).toBe('– → 40%');
    expect(formatChange('no', 'yes')).toBe('no → yes');
    expect(formatTyped('171000', { prefix: '$', percent: false })).toBe('$171,000');
    expect(formatTyped('$171,000', { prefix: '$', percent: false })).toBe('$171,000');
  });
});
