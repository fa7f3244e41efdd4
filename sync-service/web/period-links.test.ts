import { describe, expect, it } from 'vitest';
import { carryPeriod } from './period-links.ts';

describe('carryPeriod', () => {
  it('adds the period to links between pages, and only to them', () => {
    const html = [
      '<a href="/">a</a>',
      '<a href="/teams/Sales%20EU">b</a>',
      '<a href="/team?name=.">c</a>',
      '<a href="/objectives/C1#kr">d</a>',
      '<a href="/problems?team=Sales&amp;severity=error">e</a>',
      '<a href="/api/alignment">f</a>',
      '<link href="/assets/app.css">',
      '<a href="https://docs.google.com/x">g</a>',
      '<a href="#main">h</a>',
      '<a href="/teams?period=2026%20Q4">i</a>',
      '<a href="/teamsters">j</a>',
    ].join('');
    expect(carryPeriod(html, '2026 Q3')).toBe(
      [
        '<a href="/?period=2026%20Q3">a</a>',
        '<a href="/teams/Sales%20EU?period=2026%20Q3">b</a>',
        '<a href="/team?name=.&amp;period=2026%20Q3">c</a>',
        '<a href="/objectives/C1?period=2026%20Q3#kr">d</a>',
        '<a href="/problems?team=Sales&amp;severity=error&amp;period=2026%20Q3">e</a>',
        '<a href="/api/alignment">f</a>',
        '<link href="/assets/app.css">',
        '<a href="https://docs.google.com/x">g</a>',
        '<a href="#main">h</a>',
        '<a href="/teams?period=2026%20Q4">i</a>',
        '<a href="/teamsters">j</a>',
      ].join(''),
    );
  });
});
