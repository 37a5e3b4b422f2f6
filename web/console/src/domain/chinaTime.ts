// Every date and time staff read is China time, whatever the browser's zone.
const zone = 'Asia/Shanghai';

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});
const day = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });

export function formatDateTime(value: string | Date | null | undefined): string {
  return value ? dateTime.format(new Date(value)) : '—';
}

/** The China-time calendar day of an instant, as yyyy-MM-dd. */
export function chinaDay(value: string | Date): string {
  return day.format(new Date(value));
}
