import { describe, expect, it } from 'vitest';
import { formatAttemptTime, leadStatusSentence, reasonWords, type LeadStatusFacts } from './lead-format';

// Local times, so the expectations hold in any time zone the tests run in.
const now = new Date(2026, 1, 6, 22, 15);
const at = (day: number, hour: number, minute = 0) => new Date(2026, 1, day, hour, minute).toISOString();
const lead = (facts: Partial<LeadStatusFacts>): LeadStatusFacts => ({ status: 'new', statusReason: null, nextAttemptAt: null, attempts: 0, ...facts });

describe('a lead’s status in plain words', () => {
  it('says why a call waits, and when it is next tried', () => {
    expect(leadStatusSentence(lead({ status: 'deferred', statusReason: 'federal.calling_hours', nextAttemptAt: at(7, 8) }), now)).toBe(
      "Deferred: outside calling hours (8 am–9 pm at the lead's location); next attempt tomorrow 8:00 AM",
    );
    expect(leadStatusSentence(lead({ status: 'deferred', statusReason: 'FL.calling_hours', nextAttemptAt: at(6, 23, 30) }), now)).toBe(
      "Deferred: outside Florida calling hours (8 am–8 pm at the lead's location); next attempt 11:30 PM",
    );
    expect(leadStatusSentence(lead({ status: 'deferred', statusReason: 'no_answer', nextAttemptAt: at(6, 22, 25), attempts: 1 }), now)).toBe(
      'Deferred: no answer; next attempt 10:25 PM',
    );
    expect(leadStatusSentence(lead({ status: 'deferred', statusReason: 'AL.holiday', nextAttemptAt: at(9, 8) }), now)).toBe(
      'Deferred: Alabama allows no calls on Sundays and holidays; next attempt Mon, Feb 9, 8:00 AM',
    );
  });

  it('says why a lead is never called', () => {
    expect(leadStatusSentence(lead({ status: 'blocked', statusReason: 'consent.missing' }))).toBe('Blocked: no consent to call (the lead came without consent evidence)');
    expect(leadStatusSentence(lead({ status: 'blocked', statusReason: 'dnc.business' }))).toBe('Blocked: the number is on your do-not-call list');
    expect(leadStatusSentence(lead({ status: 'blocked', statusReason: 'plan.limit_reached' }))).toBe(
      "Blocked: your plan's calls for this period are used up; upgrade on the Billing page to call new leads",
    );
    expect(leadStatusSentence(lead({ status: 'blocked', statusReason: 'consent.revoked' }))).toBe('Blocked: they withdrew their consent to be called (for example by replying STOP)');
  });

  it('tells new, calling, called and failed leads apart', () => {
    expect(leadStatusSentence(lead({}))).toBe('New: the agent is about to call');
    expect(leadStatusSentence(lead({ statusReason: 'auto_call.off' }))).toBe('New: auto-call is off for this form, so the agent does not call; call them yourself');
    expect(leadStatusSentence(lead({ status: 'calling', attempts: 2 }))).toBe('Calling: the agent is on the phone with them (attempt 2)');
    expect(leadStatusSentence(lead({ status: 'called' }))).toBe('Called: the agent spoke with them');
    expect(leadStatusSentence(lead({ status: 'called', statusReason: 'inbound_call' }))).toBe('Called: they called your number and spoke with the agent');
    expect(leadStatusSentence(lead({ status: 'failed', statusReason: 'no_answer', attempts: 3 }))).toBe('Failed: no answer after 3 attempts');
    expect(leadStatusSentence(lead({ status: 'failed', statusReason: 'twilio-failed-to-connect-call' }))).toBe('Failed: the call ended: twilio failed to connect call');
  });

  it('shows a code it does not know as it is, rather than hiding it', () => {
    expect(reasonWords('XX.some_new_rule')).toBe('XX.some_new_rule');
  });

  it('gives the next attempt’s time of day, with the day when it is not today', () => {
    expect(formatAttemptTime(at(6, 23, 5), now)).toBe('11:05 PM');
    expect(formatAttemptTime(at(7, 9), now)).toBe('tomorrow 9:00 AM');
    expect(formatAttemptTime(at(10, 9), now)).toBe('Tue, Feb 10, 9:00 AM');
  });
});
