import { describe, expect, it } from 'vitest';
import { actionBody, actionSpecs } from '../src/domain/ticketActions';

describe('ticket actions', () => {
  it('has a dialog for every action the service can offer', () => {
    // The service's TicketAction values, as the API spells them.
    const offered = ['accept', 'assign', 'suspend', 'resume', 'resolve', 'escalate', 'rate', 'reopen', 'close', 'cancel', 'comment'];
    expect(Object.keys(actionSpecs).sort()).toEqual([...offered].sort());
  });

  it('sends each dialog as its request body names it', () => {
    expect(actionBody('reason', '  超出村级权限 ', null, null)).toEqual({ reason: '超出村级权限' });
    expect(actionBody('rating', '', 2, null)).toEqual({ score: 2, comment: null });
    expect(actionBody('assignee', '', null, 'team-1')).toEqual({ memberId: null, teamId: 'team-1' });
    expect(actionBody('none', 'ignored', 5, 'x')).toEqual({});
  });
});
