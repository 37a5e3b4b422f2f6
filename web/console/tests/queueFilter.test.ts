import { describe, expect, it } from 'vitest';
import { filterFromQuery, filterToQuery } from '../src/domain/queueFilter';

describe('queue filter in the URL', () => {
  it('round-trips every filter and drops what is empty or unknown', () => {
    const query = { status: 'accepted', overdue: 'true', warned: 'false', from: '2026-11-01', category: '', other: 'x' };
    const filter = filterFromQuery(query);
    expect(filter).toEqual({ status: 'accepted', overdue: true, from: '2026-11-01' });
    expect(filterToQuery(filter)).toEqual({ status: 'accepted', overdue: 'true', from: '2026-11-01' });
  });
});
