import { describe, expect, it } from 'vitest';
import { deadlineView, isWorkingDay, workingDaysBetween, type WorkingCalendar } from '../src/domain/deadline';

// 2026: National Day holidays 1–7 October, Sunday 11 October a make-up working day.
const calendar: WorkingCalendar = {
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']),
  workdays: new Set(['2026-10-11']),
};
const at = (text: string) => new Date(text);

describe('working calendar', () => {
  it('counts weekdays, skips holidays and counts make-up Sundays', () => {
    expect(isWorkingDay(calendar, '2026-10-05')).toBe(false);
    expect(isWorkingDay(calendar, '2026-10-11')).toBe(true);
    expect(isWorkingDay(calendar, '2026-10-10')).toBe(false);
    // From Wed 30 Sep to Mon 12 Oct: 8, 9 (Thu, Fri), 11 (make-up Sunday), 12 October.
    expect(workingDaysBetween(calendar, at('2026-09-30T10:00:00+08:00'), at('2026-10-12T10:00:00+08:00'))).toBe(4);
  });
});

describe('deadline badge', () => {
  const deadline = { kind: 'resolution', dueAt: '2026-12-04T18:00:00+08:00', warnAt: '2026-12-03T17:00:00+08:00' };

  it('shows working days left while under 80 %', () => {
    expect(deadlineView(deadline, 'accepted', at('2026-12-01T09:00:00+08:00'), calendar)).toEqual({ tone: 'ok', text: '办结剩 3 个工作日' });
  });

  it('turns amber at the warning instant and counts hours on the last day', () => {
    expect(deadlineView(deadline, 'accepted', at('2026-12-03T17:00:00+08:00'), calendar).tone).toBe('warn');
    expect(deadlineView(deadline, 'accepted', at('2026-12-04T09:30:00+08:00'), calendar)).toEqual({ tone: 'warn', text: '办结剩 9 小时' });
  });

  it('turns red once due, in hours and then in working days', () => {
    expect(deadlineView(deadline, 'accepted', at('2026-12-04T20:00:00+08:00'), calendar)).toEqual({ tone: 'late', text: '办结已超期 2 小时' });
    // Friday 4 December → Tuesday 8 December: Monday and Tuesday.
    expect(deadlineView(deadline, 'accepted', at('2026-12-08T10:00:00+08:00'), calendar)).toEqual({ tone: 'late', text: '办结已超期 2 个工作日' });
  });

  it('says the clock stands still while suspended', () => {
    expect(deadlineView(null, 'suspended', at('2026-12-01T09:00:00+08:00'), calendar)).toEqual({ tone: 'none', text: '已暂停计时' });
  });
});
