import { Body, Controller, Delete, HttpCode, Param, Put } from '@nestjs/common';
import { ApiCookieAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { type AuditActor, Auditor } from '../../../common/audit/audit.service';
import { Forbidden, NotFound, Unauthenticated, ValidationFailed } from '../../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../../common/http/endpoint';
import { AdminOnly, ApiCsrfHeader, CsrfRejected } from '../../auth';
import { NoPlanOverride } from '../businesses.errors';
import { PlanOverrideStateDto, RemovePlanOverrideDto, SetPlanOverrideDto } from '../dto/plan-override.dto';
import { PlanOverrideService } from './plan-override.service';

/** Staff: a business's included calls per period other than its plan's, until a date. Every change audited. */
@ApiTags('admin')
@ApiCookieAuth('session')
@AdminOnly()
@EndpointErrors([Unauthenticated, { error: Forbidden, note: 'staff only' }])
@Controller('v1/admin/businesses')
export class AdminPlanOverrideController {
  constructor(private readonly overrides: PlanOverrideService) {}

  @Put(':id/plan-override')
  @HttpCode(200)
  @ApiCsrfHeader()
  @ApiParam({ name: 'id', format: 'uuid' })
  @Endpoint({
    summary: "Grant a business a number of included calls per period other than its plan's, until a date (audited as plan_override.set)",
    description: "Replaces any override in force. Stripe's subscription events keep it; inbound and outbound calls are counted against it until `until` (default: the end of the current billing period), then against the plan again.",
    response: { status: 200, type: PlanOverrideStateDto },
    errors: [CsrfRejected, ValidationFailed, { error: NotFound, note: 'no such business' }],
  })
  set(@Param('id') businessId: string, @Body() body: SetPlanOverrideDto, @Auditor() auditor: AuditActor): Promise<PlanOverrideStateDto> {
    return this.overrides.set(businessId, body, auditor);
  }

  @Delete(':id/plan-override')
  @HttpCode(200)
  @ApiCsrfHeader()
  @ApiParam({ name: 'id', format: 'uuid' })
  @Endpoint({
    summary: "Remove a business's plan override, with a reason: its plan's included calls again (audited as plan_override.remove)",
    response: { status: 200, type: PlanOverrideStateDto },
    errors: [CsrfRejected, ValidationFailed, { error: NotFound, note: 'no such business' }, NoPlanOverride],
  })
  remove(@Param('id') businessId: string, @Body() body: RemovePlanOverrideDto, @Auditor() auditor: AuditActor): Promise<PlanOverrideStateDto> {
    return this.overrides.remove(businessId, body.reason, auditor);
  }
}
