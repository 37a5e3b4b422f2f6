import { describe, expect, it } from 'vitest';
import { currentPeriod, formatIndicator, periodName } from '../src/domain/indicators';

describe('scorecard figures', () => {
  it('names months, quarters and years as reports do', () => {
    expect(periodName('2026-08')).toBe('2026年8月');
    expect(periodName('2026-Q4')).toBe('2026年第4季度');
    expect(periodName('2026')).toBe('2026年');
  });

  it('finds the current period in China time, not the browser zone', () => {
    // 31 December 2026 17:30 UTC is already 1 January 2027 in China.
    const now = new Date('2026-12-31T17:30:00Z');
    expect(currentPeriod('month', now)).toBe('2027-01');
    expect(currentPeriod('quarter', now)).toBe('2027-Q1');
    expect(currentPeriod('year', now)).toBe('2027');
  });

  it('shows rates as percentages and the mean rating as a score', () => {
    const satisfaction = { percent: true };
    const mean = { percent: false };
    expect(formatIndicator(satisfaction, 0.6667)).toBe('66.7%');
    expect(formatIndicator(mean, 3.5)).toBe('3.50');
    expect(formatIndicator(satisfaction, null)).toBe('—');
  });
});
