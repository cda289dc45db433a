import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { NotFound } from '../../common/errors/common.errors';
import { ProblemResponse } from '../../common/http/openapi';
import type { Actor } from '../auth/access/actor';
import { ApiKeyAllowed, CurrentActor } from '../auth/access/decorators';
import { MembershipService } from '../auth/membership.service';
import { BusinessRequired } from './compliance.errors';
import { ComplianceService } from './compliance.service';
import { ComplianceEvaluateRequestDto, ComplianceEvaluationDto } from './dto/evaluate.dto';

@ApiTags('compliance')
@ApiCookieAuth('session')
@ApiBearerAuth('apiKey')
@Controller('v1/compliance')
export class ComplianceController {
  constructor(
    private readonly compliance: ComplianceService,
    private readonly membership: MembershipService,
  ) {}

  @Post('evaluate')
  @HttpCode(200)
  @ApiKeyAllowed()
  @ApiHeader({ name: 'X-CSRF-Token', required: false, description: 'With a session cookie: the value of the beaker_csrf cookie' })
  @ApiOperation({
    summary: 'May we call this number now? A dry run of the compliance check (nothing is stored)',
    description:
      'Members and API keys evaluate for their own business (businessId required); Beaker staff for any business, or for none ' +
      "(federal and state law, Beaker's do-not-call list). The answer reads the business's do-not-call list, consent ledger, call history and settings as they are now.",
  })
  @ApiOkResponse({ type: ComplianceEvaluationDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED, COMPLIANCE.BUSINESS_REQUIRED' })
  @ApiUnauthorizedResponse({ type: ProblemResponse, description: 'AUTH.UNAUTHENTICATED' })
  @ApiForbiddenResponse({ type: ProblemResponse, description: 'AUTH.CSRF, AUTH.SUSPENDED' })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'NOT_FOUND: no such business among yours' })
  async evaluate(@Body() body: ComplianceEvaluateRequestDto, @CurrentActor() actor: Actor): Promise<ComplianceEvaluationDto> {
    // The access check and the facts query run side by side (one round trip less); a caller who
    // may not see the business gets the 404 and the evaluation is thrown away.
    const [, evaluation] = await Promise.all([
      this.checkAccess(actor, body.businessId),
      this.compliance.evaluateDryRun({
        to: body.to,
        purpose: body.purpose,
        at: body.at ? new Date(body.at) : undefined,
        businessId: body.businessId?.toLowerCase() ?? null,
        address: body.address,
        subject: body.subject,
      }),
    ]);
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

  /** The business comes in the body, so the route guard cannot check it: members (and the business's keys) only, 404 otherwise. */
  private async checkAccess(actor: Actor, businessId: string | undefined): Promise<void> {
    const isAdmin = actor.kind === 'user' && actor.user.role === 'admin';
    if (!businessId) {
      if (!isAdmin) throw new BusinessRequired();
      return;
    }
    if (isAdmin) return;
    if (actor.kind === 'api_key') {
      if (actor.businessId !== businessId.toLowerCase()) throw new NotFound('No such business');
      return;
    }
    if (!(await this.membership.roleIn(businessId, actor.user.id))) throw new NotFound('No such business');
  }
}
