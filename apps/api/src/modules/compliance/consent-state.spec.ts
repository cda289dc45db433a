import { consentStateOf } from './consent-state';

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
