import type { LocationQuery } from 'vue-router';

/** The queue's filters, kept in the URL so a filtered queue can be bookmarked and shared. */
export interface QueueFilter {
  status?: string;
  category?: string;
  overdue?: boolean;
  warned?: boolean;
  supervised?: boolean;
  from?: string;
  to?: string;
  /** `newest` first; the default is the oldest first, as a queue is worked. */
  sort?: string;
  cursor?: string;
}

const flags = ['overdue', 'warned', 'supervised'] as const;
const texts = ['status', 'category', 'from', 'to', 'sort', 'cursor'] as const;

export function filterFromQuery(query: LocationQuery): QueueFilter {
  const filter: QueueFilter = {};
  for (const key of texts) {
    const value = query[key];
    if (typeof value === 'string' && value) filter[key] = value;
  }
  for (const key of flags) {
    if (query[key] === 'true') filter[key] = true;
  }
  return filter;
}

export function filterToQuery(filter: QueueFilter): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of texts) {
    const value = filter[key];
    if (value) query[key] = value;
  }
  for (const key of flags) {
    if (filter[key]) query[key] = 'true';
  }
  return query;
}
