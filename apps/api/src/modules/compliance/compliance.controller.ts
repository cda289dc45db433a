import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { NotFound, Unauthenticated, ValidationFailed } from '../../common/errors/common.errors';
import { Endpoint } from '../../common/http/endpoint';
import type { Actor } from '../auth';
import { AccountSuspended, API_KEY_LIMITED, ApiCsrfHeader, ApiKeyAllowed, CsrfRejected, CurrentActor } from '../auth';
import { BusinessRequired } from './compliance.errors';
import { ComplianceService } from './compliance.service';
import { ComplianceEvaluateRequestDto, ComplianceEvaluationDto } from './dto/evaluate.dto';

@ApiTags('compliance')
@ApiCookieAuth('session')
@ApiBearerAuth('apiKey')
@Controller('v1/compliance')
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  @Post('evaluate')
  @HttpCode(200)
  @ApiKeyAllowed()
  @ApiCsrfHeader('session-or-key')
  @Endpoint({
    summary: 'May we call this number now? A dry run of the compliance check (nothing is stored)',
    description:
      'Members and API keys evaluate for their own business (businessId required); Beaker staff for any business, or for none ' +
      "(federal and state law, Beaker's do-not-call list). The answer reads the business's do-not-call list, consent ledger, call history and settings as they are now. " +
      "It tells a business nothing about others: only the business's own calls to the number count toward the velocity caps, and opt-outs people made on " +
      "Beaker's trials are left out of Beaker's list, so the check before a real call may still defer or block where this says allow.",
    response: { status: 200, type: ComplianceEvaluationDto },
    errors: [
      ValidationFailed,
      BusinessRequired,
      Unauthenticated,
      CsrfRejected,
      AccountSuspended,
      { error: NotFound, note: 'no such business among yours' },
      API_KEY_LIMITED,
    ],
  })
  async evaluate(@Body() body: ComplianceEvaluateRequestDto, @CurrentActor() actor: Actor): Promise<ComplianceEvaluationDto> {
    const businessId = body.businessId?.toLowerCase() ?? null;
    const evaluation = await this.compliance.evaluateDryRun(
      {
        to: body.to,
        purpose: body.purpose,
        at: body.at ? new Date(body.at) : undefined,
        businessId,
        address: body.address,
        subject: body.subject,
      },
      this.memberToCheck(actor, businessId),
      actor.kind === 'user' && actor.user.role === 'admin' ? 'staff' : 'business',
    );
    return {
      decision: evaluation.decision,
      reasons: evaluation.reasons,
      nextAllowedAt: evaluation.nextAllowedAt?.toISOString() ?? null,
      recordingDisclosure: evaluation.recordingDisclosure,
      rulesVersion: evaluation.rulesVersion,
      evaluatedAt: evaluation.evaluatedAt.toISOString(),
      location: evaluation.location,
    };
  }

  /**
   * The business comes in the body, so the route guard cannot check it. Staff: any business, or
   * none. API keys: their own business. People: a business they belong to — the membership is
   * checked by the evaluation's own query (one round trip less), and a stranger gets the same 404
   * whether or not the business exists.
   */
  private memberToCheck(actor: Actor, businessId: string | null): string | null {
    const isAdmin = actor.kind === 'user' && actor.user.role === 'admin';
    if (!businessId) {
      if (!isAdmin) throw new BusinessRequired();
      return null;
    }
    if (isAdmin) return null;
    if (actor.kind === 'api_key') {
      if (actor.businessId !== businessId) throw new NotFound('No such business');
      return null;
    }
    return actor.user.id;
  }
}
