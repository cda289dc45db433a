import { isForwardCallMove, isTerminalCallStatus } from './calls';
import { CALL_STATUSES, OPEN_CALL_STATUSES, TERMINAL_CALL_STATUSES } from './enums';

describe('call status', () => {
  it('lists the open statuses in the order a call moves, and the terminal ones apart', () => {
    expect(OPEN_CALL_STATUSES).toEqual(['initiated', 'ringing', 'in_progress']);
    expect([...OPEN_CALL_STATUSES, ...TERMINAL_CALL_STATUSES]).toEqual(CALL_STATUSES);
    expect(CALL_STATUSES.filter(isTerminalCallStatus)).toEqual(['completed', 'failed']);
  });

  // The api's assertions (calls/call-status.spec.ts) and the web's (call-report-view.spec.tsx), moved with their subject.
  it('moves only forward, never out of a terminal status', () => {
    expect(isForwardCallMove('initiated', 'ringing')).toBe(true);
    expect(isForwardCallMove('ringing', 'in_progress')).toBe(true);
    expect(isForwardCallMove('in_progress', 'ringing')).toBe(false);
    expect(isForwardCallMove('ringing', 'ringing')).toBe(false);
    expect(isForwardCallMove('initiated', 'failed')).toBe(true);
    expect(isForwardCallMove('completed', 'in_progress')).toBe(false);
    expect(isForwardCallMove('completed', 'failed')).toBe(false);
    expect(isForwardCallMove('failed', 'completed')).toBe(false);
  });

  it('never moves a status back on the screen', () => {
    expect(isForwardCallMove('initiated', 'ringing')).toBe(true);
    expect(isForwardCallMove('in_progress', 'ringing')).toBe(false);
    expect(isForwardCallMove('completed', 'failed')).toBe(false);
    expect(isForwardCallMove('ringing', 'failed')).toBe(true);
  });
});
