import { describe, expect, it } from 'vitest';
import { expiryTone } from '../src/domain/termExpiry';

describe('term expiry', () => {
  it('is near six months before the end and over on the day itself', () => {
    expect(expiryTone('2027-07-01', '2026-12-31')).toBe('ok');
    expect(expiryTone('2027-07-01', '2027-01-01')).toBe('soon');
    expect(expiryTone('2027-07-01', '2027-07-01')).toBe('expired');
  });
});

describe('term expiry at the ends of months', () => {
  it('counts six months back to the month’s last day when the day does not exist', () => {
    expect(expiryTone('2027-08-31', '2027-02-27')).toBe('ok');
    expect(expiryTone('2027-08-31', '2027-02-28')).toBe('soon');
  });
});
