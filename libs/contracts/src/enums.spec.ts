import { CALL_PURPOSES, COMPLIANCE_ACTOR_KINDS, COMPLIANCE_DECISIONS, CONSENT_GRANT_METHODS, CONSENT_KINDS, CONSENT_REVOCATION_METHODS, DNC_SOURCES, DNC_STATUS_FILTERS } from './compliance';
import {
  BUSINESS_STATUSES,
  CALL_DIRECTIONS,
  CALL_STATUSES,
  INDUSTRIES,
  MEMBER_ROLES,
  PLANS,
  PROVIDERS,
  SCENARIOS,
  TERMINAL_CALL_STATUSES,
  TRIAL_STATUSES,
  USER_ROLES,
  WEBHOOK_EVENT_STATUSES,
} from './enums';
import { ABUSE_EVENT_KINDS } from './trials';
import { WEBHOOK_ATTEMPT_OUTCOMES, WEBHOOK_ATTEMPT_TRIGGERS } from './webhooks';

// Stored in the database, sent in URLs and JSON: lower-case snake_case words, each listed once.
const vocabularies: Record<string, readonly string[]> = {
  INDUSTRIES,
  SCENARIOS,
  TRIAL_STATUSES,
  CALL_DIRECTIONS,
  CALL_STATUSES,
  PLANS,
  BUSINESS_STATUSES,
  MEMBER_ROLES,
  USER_ROLES,
  PROVIDERS,
  WEBHOOK_EVENT_STATUSES,
  WEBHOOK_ATTEMPT_TRIGGERS,
  WEBHOOK_ATTEMPT_OUTCOMES,
  CALL_PURPOSES,
  COMPLIANCE_DECISIONS,
  DNC_SOURCES,
  DNC_STATUS_FILTERS,
  COMPLIANCE_ACTOR_KINDS,
  CONSENT_KINDS,
  CONSENT_GRANT_METHODS,
  CONSENT_REVOCATION_METHODS,
  ABUSE_EVENT_KINDS,
};

describe('the shared vocabulary', () => {
  it.each(Object.entries(vocabularies))('%s: non-empty, snake_case, no value twice', (_name, values) => {
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(value).toMatch(/^[a-z]+(_[a-z0-9]+)*$/);
    expect(new Set(values).size).toBe(values.length);
  });

  it('orders call statuses the way a call moves: the terminal ones last', () => {
    for (const status of TERMINAL_CALL_STATUSES) expect(CALL_STATUSES).toContain(status);
    expect(new Set(TERMINAL_CALL_STATUSES).size).toBe(TERMINAL_CALL_STATUSES.length);
    const open = CALL_STATUSES.filter((status) => !TERMINAL_CALL_STATUSES.includes(status));
    expect(open.length).toBeGreaterThan(0);
    expect(CALL_STATUSES.slice(open.length)).toEqual(CALL_STATUSES.filter((status) => TERMINAL_CALL_STATUSES.includes(status)));
  });

  it('records a webhook attempt as the status it leaves the event in, except an interrupted one', () => {
    for (const outcome of WEBHOOK_ATTEMPT_OUTCOMES.filter((o) => o !== 'interrupted')) expect(WEBHOOK_EVENT_STATUSES).toContain(outcome);
  });
});
