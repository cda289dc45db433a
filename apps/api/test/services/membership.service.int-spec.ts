import { MembershipService } from '../../src/modules/auth';
import { insertBusiness, insertUser, ServiceContext, serviceContext } from './service-context';

/** MembershipService against the database: who belongs to which business, and the last-owner rule. */
describe('MembershipService (no HTTP)', () => {
  let ctx: ServiceContext;
  let membership: MembershipService;

  beforeAll(async () => {
    ctx = await serviceContext();
    membership = ctx.get(MembershipService);
  });
  afterAll(async () => ctx.close());
  beforeEach(async () => ctx.reset());

  it('adds a member once: a second add keeps the first role and answers null', async () => {
    const businessId = await insertBusiness(ctx);
    const userId = await insertUser(ctx, 'dana@example.com');
    const added = await membership.addMember(businessId, { id: userId, email: 'dana@example.com' }, 'member');
    expect(added).toEqual({ userId, email: 'dana@example.com', role: 'member', joinedAt: ctx.clock.now().toISOString() });
    expect(await membership.addMember(businessId, { id: userId, email: 'dana@example.com' }, 'owner')).toBeNull();
    expect(await membership.roleIn(businessId, userId)).toBe('member');
  });

  it('keeps the last owner: removing them is refused, removing a member or a second owner is not', async () => {
    const businessId = await insertBusiness(ctx);
    const owner = await insertUser(ctx, 'owner@example.com');
    const second = await insertUser(ctx, 'second@example.com');
    const member = await insertUser(ctx, 'member@example.com');
    await membership.addMember(businessId, { id: owner, email: 'owner@example.com' }, 'owner');
    await membership.addMember(businessId, { id: member, email: 'member@example.com' }, 'member');

    expect(await membership.removeMember(businessId, owner)).toBe('last_owner');
    expect(await membership.removeMember(businessId, second)).toBe('not_a_member');
    expect(await membership.removeMember(businessId, member)).toBe('removed');
    await membership.addMember(businessId, { id: second, email: 'second@example.com' }, 'owner');
    expect(await membership.removeMember(businessId, owner)).toBe('removed');
    expect((await membership.listMembers(businessId)).map((m) => m.email)).toEqual(['second@example.com']);
  });

  it('two owners removing each other at once leave one owner', async () => {
    const businessId = await insertBusiness(ctx);
    const a = await insertUser(ctx, 'a@example.com');
    const b = await insertUser(ctx, 'b@example.com');
    await membership.addMember(businessId, { id: a, email: 'a@example.com' }, 'owner');
    await membership.addMember(businessId, { id: b, email: 'b@example.com' }, 'owner');
    const outcomes = await Promise.all([membership.removeMember(businessId, a), membership.removeMember(businessId, b)]);
    expect(outcomes.sort()).toEqual(['last_owner', 'removed']);
    expect(await membership.listMembers(businessId)).toHaveLength(1);
  });

  it("lists a user's businesses by name, and never emails a suspended owner", async () => {
    const zulu = await insertBusiness(ctx, 'Zulu Gym');
    const alpha = await insertBusiness(ctx, 'Alpha Dental');
    const user = await insertUser(ctx, 'multi@example.com');
    const suspended = await insertUser(ctx, 'gone@example.com', { suspended: true });
    await membership.addMember(zulu, { id: user, email: 'multi@example.com' }, 'member');
    await membership.addMember(alpha, { id: user, email: 'multi@example.com' }, 'owner');
    await membership.addMember(alpha, { id: suspended, email: 'gone@example.com' }, 'owner');
    expect(await membership.rolesFor(user)).toEqual([
      { id: alpha, name: 'Alpha Dental', role: 'owner' },
      { id: zulu, name: 'Zulu Gym', role: 'member' },
    ]);
    expect(await membership.emailsOf(alpha, ['owner'])).toEqual(['multi@example.com']);
    expect(await membership.countOwnedBy(user)).toBe(1);
  });
});
