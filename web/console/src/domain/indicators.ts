// How a scorecard's figures are shown. Their names, and the counts each is made of, come from the
// assessment service's glossary (GET /api/v1/assessments/glossary), where they are written once.

export function formatIndicator(term: { percent: boolean }, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return term.percent ? `${(value * 100).toFixed(1)}%` : value.toFixed(2);
}

/** The month, quarter or year a period names, in the words of a report. */
export function periodName(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `${quarter[1]}年第${quarter[2]}季度`;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return `${month[1]}年${Number(month[2])}月`;
  return /^\d{4}$/.test(period) ? `${period}年` : period;
}

/** This month, this quarter or this year in China time. */
export function currentPeriod(kind: 'month' | 'quarter' | 'year', now: Date): string {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(now).split('-').map(Number) as [number, number];
  if (kind === 'year') return `${year}`;
  if (kind === 'quarter') return `${year}-Q${Math.ceil(month / 3)}`;
  return `${year}-${String(month).padStart(2, '0')}`;
}
