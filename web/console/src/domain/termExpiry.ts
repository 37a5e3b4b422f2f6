/** How near a committee's term is to its end, as the service's reminders count it: from six months before. */
export type ExpiryTone = 'ok' | 'soon' | 'expired';

export function expiryTone(expiresOn: string, today: string): ExpiryTone {
  if (expiresOn <= today) return 'expired';
  return sixMonthsBefore(expiresOn) <= today ? 'soon' : 'ok';
}

/** The same day six months earlier, or that month's last day (31 August → 28 or 29 February). */
function sixMonthsBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 - 6, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}
