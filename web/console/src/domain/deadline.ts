import { chinaDay } from './chinaTime';

/** Holidays and make-up working days (调休) of the catalogue's calendar; other days: Monday–Friday work. */
export interface WorkingCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

export interface RunningDeadline {
  kind: string;
  dueAt: string;
  warnAt: string;
}

export type DeadlineTone = 'ok' | 'warn' | 'late' | 'none';

export interface DeadlineView {
  tone: DeadlineTone;
  text: string;
}

const hour = 3_600_000;

export function isWorkingDay(calendar: WorkingCalendar, day: string): boolean {
  if (calendar.holidays.has(day)) return false;
  if (calendar.workdays.has(day)) return true;
  const weekday = new Date(`${day}T12:00:00+08:00`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Working days after `from`'s day up to and including `to`'s day (China time). */
export function workingDaysBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  let count = 0;
  const end = chinaDay(to);
  const cursor = new Date(`${chinaDay(from)}T12:00:00+08:00`);
  for (let guard = 0; guard < 3660; guard++) {
    cursor.setUTCDate(cursor.getUTCDate() + 1);
    const day = chinaDay(cursor);
    if (day > end) break;
    if (isWorkingDay(calendar, day)) count++;
  }
  return count;
}

/**
 * What the deadline badge says: time left in working days (hours on the last day), amber once 80 %
 * of the working time is used (the service's warning instant), red when overdue.
 */
export function deadlineView(deadline: RunningDeadline | null | undefined, status: string, now: Date, calendar: WorkingCalendar): DeadlineView {
  if (!deadline) {
    return { tone: 'none', text: status === 'suspended' ? '已暂停计时' : '—' };
  }
  const due = new Date(deadline.dueAt);
  const what = deadline.kind === 'response' ? '签收' : '办结';
  if (now >= due) {
    const days = workingDaysBetween(calendar, due, now);
    return { tone: 'late', text: days > 0 ? `${what}已超期 ${days} 个工作日` : `${what}已超期 ${Math.max(1, Math.floor((now.getTime() - due.getTime()) / hour))} 小时` };
  }
  const tone: DeadlineTone = now >= new Date(deadline.warnAt) ? 'warn' : 'ok';
  const days = workingDaysBetween(calendar, now, due);
  const text = days > 0 ? `${what}剩 ${days} 个工作日` : `${what}剩 ${Math.max(1, Math.ceil((due.getTime() - now.getTime()) / hour))} 小时`;
  return { tone, text };
}
