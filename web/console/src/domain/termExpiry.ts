/** How near a committee's term is to its end, as the reminders count it: six months, then one. */
export type ExpiryTone = 'ok' | 'soon' | 'expired';

export function expiryTone(expiresOn: string, today: string): ExpiryTone {
  if (expiresOn <= today) return 'expired';
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const sixMonths = new Date(Date.UTC(y, m - 1 + 6, d)).toISOString().slice(0, 10);
  return expiresOn <= sixMonths ? 'soon' : 'ok';
}
