import { Injectable, Logger } from '@nestjs/common';
import type { TestCallPlaced } from '@beaker/contracts';
import { NotFound } from '../../../common/errors/common.errors';
import { RateLimiter, RateLimitRule } from '../../../common/rate-limit/rate-limiter';
import { VoiceAgentPort } from '../../../integrations/vapi/vapi.port';
import type { User } from '../../auth';
import { CallsService } from '../../calls';
import { DoNotCallService } from '../../compliance';
import { TrialsService } from '../../trials';
import { BusinessNotLive, NoVerifiedPhone } from '../businesses.errors';
import { BusinessesRepository } from '../persistence/businesses.repository';

/** Each test call costs a real call: 3 an hour per business, refused (not allowed blind) while the limit cannot be checked. */
export const TEST_CALLS_PER_BUSINESS: RateLimitRule = { name: 'test-call', limit: 3, windowSeconds: 3600, failClosed: true };

/**
 * "Hear your agent": the business's assistant calls the owner who asks, from the business's
 * number, on the phone they proved with an SMS code in their trial. A call of its own kind
 * (`outbound_test`): listed with the business's calls, never counted against the plan (it is the
 * owner hearing their product, like dialling the number themselves), never a lead.
 *
 * Not through the compliance engine, on purpose: the engine decides whether a business may call a
 * consumer (a lead) or Beaker a prospect. This call goes to the account holder themselves, at the
 * moment they ask for it by pressing the button while signed in — an express request to be called
 * now (the same ground as the trial's "Call me now", which the engine allows at any hour), not a
 * telephone solicitation (47 CFR 64.1200(f)(15)(i): a call to a person with their prior express
 * invitation or permission is not one), to a number they proved is theirs. What still applies is
 * checked here: the owner's number on the business's own do-not-call list refuses it.
 */
@Injectable()
export class TestCallService {
  private readonly logger = new Logger('TestCalls');

  constructor(
    private readonly businesses: BusinessesRepository,
    private readonly trials: TrialsService,
    private readonly calls: CallsService,
    private readonly voiceAgent: VoiceAgentPort,
    private readonly dnc: DoNotCallService,
    private readonly rateLimiter: RateLimiter,
  ) {}

  /** Owners only (the route checks it). */
  async place(businessId: string, user: User): Promise<TestCallPlaced> {
    const caller = await this.businesses.testCaller(businessId);
    if (!caller) throw new NotFound('No such business');
    if (caller.status !== 'active' || !caller.vapi_assistant_id || !caller.vapi_phone_number_id || !caller.e164) {
      throw new BusinessNotLive(caller.status === 'active' ? 'Your number is still being connected; try again in a minute' : 'The subscription is not active');
    }
    const phone = await this.verifiedPhoneOf(user, caller.trial_id);
    if (!phone || (await this.dnc.isListedByBusiness(businessId, phone))) {
      throw new NoVerifiedPhone(phone ? 'Your number is on this business’s do-not-call list' : 'We can only call the phone you verified in your trial');
    }
    await this.rateLimiter.consume(TEST_CALLS_PER_BUSINESS, businessId);

    const call = await this.calls.createCall({ direction: 'outbound_test', businessId, toE164: phone, fromE164: caller.e164 });
    try {
      const placed = await this.voiceAgent.placeCall({
        assistantId: caller.vapi_assistant_id,
        to: phone,
        fromPhoneNumberId: caller.vapi_phone_number_id,
        metadata: { callId: call.id, businessId, purpose: 'test_call' },
        // We place this call: the inbound "Thanks for calling" would not fit.
        assistantOverrides: { firstMessage: testCallGreeting(caller.name) },
      });
      await this.calls.recordProviderIds(call.id, { vapiCallId: placed.id });
    } catch (err) {
      await this.calls.failCall(call.id, 'placement-failed');
      throw err;
    }
    this.logger.log({ businessId, callId: call.id }, 'test call placed');
    return { callId: call.id, to: phone, from: caller.e164 };
  }

  /** The phone this owner proved with a code: the business's own trial's, when it is theirs. */
  private async verifiedPhoneOf(user: User, trialId: string | null): Promise<string | null> {
    if (!trialId) return null;
    const trial = await this.trials.find(trialId);
    return trial && trial.userId === user.id && trial.phoneVerifiedAt ? trial.phoneE164 : null;
  }
}

/** What the assistant says first on a test call. */
export function testCallGreeting(businessName: string): string {
  return `Hi, this is the virtual assistant of ${businessName}, calling because you asked to hear me. Talk to me as one of your customers would.`;
}
