import { deferredCallJobId } from './compliance.service';
import { consentStateOf } from './consent-ledger.service';

const at = (iso: string) => new Date(iso);

describe('consentStateOf', () => {
  it('no record: neither present nor revoked', () => {
    expect(consentStateOf(null, null)).toMatchObject({ present: false, revoked: false });
  });

  it('a grant alone is present', () => {
    expect(consentStateOf(at('2026-03-01T00:00:00Z'), null)).toMatchObject({ present: true, revoked: false });
  });

  it('a revocation at or after the newest grant revokes it', () => {
    expect(consentStateOf(at('2026-03-01T00:00:00Z'), at('2026-03-02T00:00:00Z'))).toMatchObject({ present: false, revoked: true });
    expect(consentStateOf(at('2026-03-01T00:00:00Z'), at('2026-03-01T00:00:00Z'))).toMatchObject({ present: false, revoked: true });
    expect(consentStateOf(null, at('2026-03-01T00:00:00Z'))).toMatchObject({ present: false, revoked: true });
  });

  it('a grant captured after the revocation is present again', () => {
    expect(consentStateOf(at('2026-03-03T00:00:00Z'), at('2026-03-02T00:00:00Z'))).toMatchObject({ present: true, revoked: false });
  });
});

describe('deferredCallJobId', () => {
  const owner = { kind: 'lead' as const, id: '6f1c2a8e-8a59-4f3e-9a55-2f6d1c1b0a01' };
  const when = at('2026-03-10T20:00:00Z');

  it('is the same for the same owner and minute (one job), without the ":" BullMQ refuses', () => {
    expect(deferredCallJobId(owner, when)).toBe(deferredCallJobId(owner, new Date(when.getTime())));
    expect(deferredCallJobId(owner, when)).not.toContain(':');
  });

  it('differs for each re-deferral of a chain, so it never collides with the running job', () => {
    expect(deferredCallJobId(owner, when, 1)).not.toBe(deferredCallJobId(owner, when));
    expect(deferredCallJobId(owner, when, 2)).not.toBe(deferredCallJobId(owner, when, 1));
  });
});
