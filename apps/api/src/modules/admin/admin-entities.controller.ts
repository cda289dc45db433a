import { Controller, Get, Param } from '@nestjs/common';
import { ApiCookieAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { Forbidden, NotFound, Unauthenticated } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { AdminOnly } from '../auth';
import { AdminEntitiesService } from './admin-entities.service';
import { WebhookEventPageDto } from '../webhooks';
import { AdminBusinessDetailDto, AdminLeadDetailDto, AdminPhoneNumberDetailDto, AdminTrialDetailDto, AdminUserDetailDto } from './dto/admin-entities.dto';

/** Staff's page of one thing (the web app's /admin/<kind>s/:id, where search results link). */
@ApiTags('admin')
@ApiCookieAuth('session')
@AdminOnly()
@EndpointErrors([Unauthenticated, { error: Forbidden, note: 'not staff' }])
@Controller('v1/admin')
export class AdminEntitiesController {
  constructor(private readonly entities: AdminEntitiesService) {}

  @Get('users/:id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @Endpoint({
    summary: 'A user as staff see them: account and suspension, sessions, businesses, trials, audit lines',
    response: { status: 200, type: AdminUserDetailDto },
    errors: [{ error: NotFound, note: 'no such user' }],
  })
  user(@Param('id') id: string): Promise<AdminUserDetailDto> {
    return this.entities.user(id);
  }

  @Get('businesses/:id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @Endpoint({
    summary: 'A business as staff see it: plan, status, usage, number, setup, Stripe ids, members, recent calls and leads, audit lines',
    response: { status: 200, type: AdminBusinessDetailDto },
    errors: [{ error: NotFound, note: 'no such business' }],
  })
  business(@Param('id') id: string): Promise<AdminBusinessDetailDto> {
    return this.entities.business(id);
  }
  @Get('trials/:id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @Endpoint({
    summary: 'A trial as staff see it: status, persona, phone, calls used, its latest call, who started it',
    response: { status: 200, type: AdminTrialDetailDto },
    errors: [{ error: NotFound, note: 'no such trial' }],
  })
  trial(@Param('id') id: string): Promise<AdminTrialDetailDto> {
    return this.entities.trial(id);
  }

  @Get('leads/:id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @Endpoint({
    summary: 'A lead as staff see it: what its business sees (submissions, consent, decisions, calls) and the business',
    response: { status: 200, type: AdminLeadDetailDto },
    errors: [{ error: NotFound, note: 'no such lead' }],
  })
  lead(@Param('id') id: string): Promise<AdminLeadDetailDto> {
    return this.entities.lead(id);
  }

  @Get('phone-numbers/:id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @Endpoint({
    summary: 'A phone number as staff see it: status, provider ids, the business it answers (or answered) for',
    response: { status: 200, type: AdminPhoneNumberDetailDto },
    errors: [{ error: NotFound, note: 'no such phone number' }],
  })
  phoneNumber(@Param('id') id: string): Promise<AdminPhoneNumberDetailDto> {
    return this.entities.phoneNumber(id);
  }

  @Get('calls/:id/webhook-events')
  @ApiParam({ name: 'id', format: 'uuid' })
  @Endpoint({
    summary: "The provider webhook events about a call (Vapi's by its call id, Twilio's by its CallSid), oldest first, at most 100",
    response: { status: 200, type: WebhookEventPageDto },
    errors: [{ error: NotFound, note: 'no such call' }],
  })
  callWebhookEvents(@Param('id') id: string): Promise<WebhookEventPageDto> {
    return this.entities.callWebhookEvents(id);
  }
}
