import { describe, expect, it } from 'vitest';
import { actionSpecs } from '../src/domain/ticketActions';

describe('ticket actions', () => {
  it('has a dialog for every action the service can offer', () => {
    // The service's TicketAction values, as the API spells them.
    const offered = ['accept', 'assign', 'suspend', 'resume', 'resolve', 'escalate', 'rate', 'reopen', 'close', 'cancel', 'comment'];
    expect(Object.keys(actionSpecs).sort()).toEqual([...offered].sort());
  });
});
