import { TRIAL_CALL_CONSENT_TEXT, TRIAL_CALL_CONSENT_VERSION, TRIAL_CALL_MAX_SECONDS, TRIAL_CODE_MAX_ATTEMPTS, TRIAL_CODE_RESEND_SECONDS, TRIAL_CODE_TTL_MINUTES } from './trials';

describe('the trial call consent', () => {
  // Recorded word for word in the consent ledger: it has to say what the law asks the prospect to agree to.
  it('says the call is automated and AI-generated, may be recorded, and how to stop it', () => {
    expect(TRIAL_CALL_CONSENT_TEXT).toMatch(/automated/);
    expect(TRIAL_CALL_CONSENT_TEXT).toMatch(/AI-generated voice/);
    expect(TRIAL_CALL_CONSENT_TEXT).toMatch(/may be recorded/);
    expect(TRIAL_CALL_CONSENT_TEXT).toMatch(/stop calling/);
  });

  it('is versioned by the date of its wording', () => {
    const match = /^trial-call-(\d{4}-\d{2}-\d{2})$/.exec(TRIAL_CALL_CONSENT_VERSION);
    expect(match).not.toBeNull();
    expect(new Date(`${match![1]}T00:00:00Z`).toISOString().slice(0, 10)).toBe(match![1]);
  });
});

describe('the trial verification limits', () => {
  it('lets a code be resent before it expires, allows a few attempts, and caps the demo call', () => {
    expect(TRIAL_CODE_RESEND_SECONDS).toBeLessThan(TRIAL_CODE_TTL_MINUTES * 60);
    expect(TRIAL_CODE_MAX_ATTEMPTS).toBeGreaterThanOrEqual(1);
    expect(TRIAL_CALL_MAX_SECONDS).toBeGreaterThan(0);
  });
});
