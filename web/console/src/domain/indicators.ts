// The scorecard as staff read it: each indicator's name, and the counts it is a ratio of (as the
// assessment service defines them in Indicator.cs), so every figure shows what it was made from.

export interface IndicatorView {
  key: string;
  name: string;
  part?: string;
  whole?: string;
  percent: boolean;
}

export const indicatorViews: IndicatorView[] = [
  { key: 'responseRate', name: '及时响应率', part: 'respondedOnTime', whole: 'submitted', percent: true },
  { key: 'onTimeResolutionRate', name: '按期办结率', part: 'resolvedOnTime', whole: 'due', percent: true },
  { key: 'satisfactionRate', name: '群众满意率', part: 'satisfiedRatings', whole: 'rated', percent: true },
  { key: 'meanRating', name: '平均评分', part: 'ratingSum', whole: 'rated', percent: false },
  { key: 'rectificationRate', name: '差评整改率', part: 'rectifiedOnTime', whole: 'rectificationsDue', percent: true },
  { key: 'localResolutionRate', name: '就地办结率', part: 'resolvedLocally', whole: 'takenInResolved', percent: true },
  { key: 'escalationRate', name: '上报率', part: 'escalated', whole: 'submitted', percent: true },
  { key: 'reopenRate', name: '重办率', part: 'reopened', whole: 'resolved', percent: true },
  { key: 'memberSatisfactionRate', name: '党员满意率', part: 'memberSatisfied', whole: 'memberAnswers', percent: true },
  { key: 'pairingFulfilmentRate', name: '结对承诺兑现率', part: 'commitmentsFulfilled', whole: 'commitmentsDue', percent: true },
  { key: 'serviceCoverageRate', name: '服务阵地覆盖率', percent: true },
  { key: 'residentSatisfactionRate', name: '群众满意度（含回访）', percent: true },
];

export const countLabels: Record<string, string> = {
  submitted: '受理件数',
  respondedOnTime: '及时响应',
  escalated: '上报件数',
  takenInResolved: '受理已办结',
  resolvedLocally: '就地办结',
  due: '到期应办结',
  resolvedOnTime: '按期办结',
  resolved: '办结件数',
  rated: '评价次数',
  satisfiedRatings: '满意评价',
  unsatisfiedRatings: '差评',
  ratingSum: '评分合计',
  reopened: '重办次数',
  rectificationsDue: '到期应整改',
  rectifiedOnTime: '按期整改',
  memberAnswers: '党员答卷',
  memberSatisfied: '党员满意',
  commitmentsDue: '到期承诺',
  commitmentsFulfilled: '已兑现承诺',
};

/** The counts whose tickets the assessment service can list (TicketContribution.Listable). */
export const listableCounts = new Set([
  'submitted', 'respondedOnTime', 'escalated', 'takenInResolved', 'resolvedLocally', 'due', 'resolvedOnTime', 'resolved',
  'rated', 'satisfiedRatings', 'unsatisfiedRatings', 'ratingSum', 'reopened', 'rectificationsDue', 'rectifiedOnTime',
]);

export function formatIndicator(view: IndicatorView, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return view.percent ? `${(value * 100).toFixed(1)}%` : value.toFixed(2);
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
