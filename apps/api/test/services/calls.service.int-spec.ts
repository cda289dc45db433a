import { CallsService } from '../../src/modules/calls';
import { Database } from '../../src/database/database';
import { insertBusiness, ServiceContext, serviceContext } from './service-context';

/** CallsService against the database: a call only moves forward, and a business's list pages by keyset. */
describe('CallsService (no HTTP)', () => {
  let ctx: ServiceContext;
  let calls: CallsService;
  let db: Database;

  beforeAll(async () => {
    ctx = await serviceContext();
    calls = ctx.get(CallsService);
    db = ctx.get(Database);
  });
  afterAll(async () => ctx.close());
  beforeEach(async () => ctx.reset());

  const status = async (id: string) => (await ctx.db.query(`SELECT status, ended_reason, summary FROM calls WHERE id = $1`, [id]))[0];

  it('moves a call forward only: ringing after in_progress changes nothing, and a report after the end keeps the status', async () => {
    const businessId = await insertBusiness(ctx);
    const call = await calls.createCall({ direction: 'outbound_lead', businessId, toE164: '+14155550123' });
    const moved = await db.transaction(async (tx) => {
      const row = (await calls.lockCall(tx, { callId: call.id }))!;
      return [await calls.advance(tx, row, 'in_progress'), await calls.advance(tx, row, 'ringing')];
    });
    expect(moved.map((c) => c?.status ?? null)).toEqual(['in_progress', null]);

    await db.transaction(async (tx) => calls.fail(tx, (await calls.lockCall(tx, { callId: call.id }))!, 'customer-busy'));
    const late = await db.transaction(async (tx) =>
      calls.finish(tx, (await calls.lockCall(tx, { callId: call.id }))!, {
        status: 'completed',
        endedReason: 'customer-ended-call',
        transcript: null,
        recordingUrl: null,
        summary: 'Late report',
        extractedLead: null,
        durationSeconds: 30,
        costTotal: null,
        costBreakdown: null,
        startedAt: null,
        endedAt: null,
      }),
    );
    expect(late).toBeNull();
    expect(await status(call.id)).toEqual({ status: 'failed', ended_reason: 'customer-ended-call', summary: 'Late report' });
  });

  it("pages a business's calls newest first with a cursor, filtered, never another business's", async () => {
    const businessId = await insertBusiness(ctx);
    const other = await insertBusiness(ctx, 'Other');
    for (let i = 0; i < 5; i++) {
      ctx.clock.advance(1000);
      await calls.createCall({ direction: i % 2 ? 'inbound' : 'outbound_lead', businessId, toE164: `+1415555010${i}` });
    }
    await calls.createCall({ direction: 'inbound', businessId: other, toE164: '+14155550199' });

    const first = await calls.listForBusiness(businessId, { limit: 2 });
    expect(first.items.map((c) => c.to)).toEqual(['+14155550104', '+14155550103']);
    const second = await calls.listForBusiness(businessId, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((c) => c.to)).toEqual(['+14155550102', '+14155550101']);
    const last = await calls.listForBusiness(businessId, { limit: 2, cursor: second.nextCursor! });
    expect(last).toEqual({ items: [expect.objectContaining({ to: '+14155550100' })], nextCursor: null });
    expect((await calls.listForBusiness(businessId, { limit: 10, direction: 'inbound' })).items.map((c) => c.to)).toEqual(['+14155550103', '+14155550101']);
  });
});
