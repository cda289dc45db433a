import { resetState, startApp, TestApp } from '../harness';
import { addMember, createBusiness, signInAs, type SignedInClient } from '../factories/auth.factory';

/** GET /v1/businesses/:id/members pages like every list: `{items, nextCursor}`, `?cursor=&limit=`, owners first. */
describe('the team list', () => {
  let t: TestApp;
  let owner: SignedInClient;
  let businessId: string;

  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await resetState(t);
    owner = await signInAs(t, 'owner@coolair.example');
    businessId = await createBusiness(t, { ownerId: owner.userId });
  });

  async function page(query: string): Promise<{ items: { email: string; role: string }[]; nextCursor: string | null }> {
    const res = await owner.request(`/v1/businesses/${businessId}/members${query}`);
    expect(res.status).toBe(200);
    return res.json();
  }

  it('reads the whole team a page at a time, owners first, then by when they joined, each person once', async () => {
    // Five members and a second owner; two members joined in the same microsecond, one in the same millisecond as them.
    for (const [i, role] of (['member', 'member', 'owner', 'member', 'member', 'member'] as const).entries()) {
      const person = await signInAs(t, `person${i}@coolair.example`);
      await addMember(t, businessId, person.userId, role);
    }
    await t.db.query(`UPDATE business_members SET created_at = '2026-03-01T10:00:00.123456Z' WHERE business_id = $1 AND role = 'owner'`, [businessId]);
    await t.db.query(
      `UPDATE business_members m SET created_at = CASE u.email
         WHEN 'person0@coolair.example' THEN '2026-03-02T10:00:00.500001Z'::timestamptz
         WHEN 'person1@coolair.example' THEN '2026-03-02T10:00:00.500001Z'::timestamptz
         WHEN 'person3@coolair.example' THEN '2026-03-02T10:00:00.500900Z'::timestamptz
         WHEN 'person4@coolair.example' THEN '2026-03-03T10:00:00Z'::timestamptz
         ELSE '2026-03-04T10:00:00Z'::timestamptz END
       FROM users u WHERE u.id = m.user_id AND m.business_id = $1 AND m.role = 'member'`,
      [businessId],
    );
    const seen: { email: string; role: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const next = await page(`?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(next.items.length).toBeLessThanOrEqual(2);
      seen.push(...next.items);
      cursor = next.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen.map((m) => m.role)).toEqual(['owner', 'owner', 'member', 'member', 'member', 'member', 'member']);
    expect(new Set(seen.map((m) => m.email)).size).toBe(7);
    const all = await page('?limit=100');
    expect(all.nextCursor).toBeNull();
    expect(all.items.map((m) => m.email)).toEqual(seen.map((m) => m.email));
    expect(all.items.slice(4).map((m) => m.email)).toEqual(['person3@coolair.example', 'person4@coolair.example', 'person5@coolair.example']);
  });

  it('refuses a cursor it did not write and a limit out of range', async () => {
    const bad = await owner.request(`/v1/businesses/${businessId}/members?cursor=not-a-cursor`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).code).toBe('PAGINATION.INVALID_CURSOR');
    const forged = Buffer.from(JSON.stringify([7, '2026-01-01T00:00:00Z', 'x'])).toString('base64url');
    expect((await (await owner.request(`/v1/businesses/${businessId}/members?cursor=${forged}`)).json()).code).toBe('PAGINATION.INVALID_CURSOR');
    for (const limit of ['0', '101', 'ten']) {
      const res = await owner.request(`/v1/businesses/${businessId}/members?limit=${limit}`);
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe('VALIDATION.FAILED');
    }
  });
});
