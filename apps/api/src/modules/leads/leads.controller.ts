import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiHeader, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Forbidden, InvalidCursor, NotFound, Unauthenticated, ValidationFailed } from '../../common/errors/common.errors';
import { Clock } from '../../common/clock';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { IdempotencyKeyInvalid, IdempotencyKeyReused } from '../../common/idempotency/idempotency.errors';
import { type Actor, API_KEY_LIMITED, ApiCsrfHeader, ApiKeyAllowed, BusinessRoute, CsrfRejected, CurrentActor, CurrentUser, type User } from '../auth';
import {
  ConsentCertificateDto,
  LeadCountsDto,
  LeadCountsQueryDto,
  LeadCreateRequestDto,
  LeadDto,
  LeadListQueryDto,
  LeadNotificationSettingsDto,
  LeadPageDto,
} from './dto/lead.dto';
import { LeadIntakeService } from './lead-intake.service';
import { LeadNotificationsService } from './lead-notifications.service';
import { LeadViewsService } from './lead-views.service';
import { InvalidLeadPhone } from './leads.errors';


@ApiTags('leads')
@ApiCookieAuth('session')
@ApiBearerAuth('apiKey')
@ApiKeyAllowed()
@EndpointErrors([Unauthenticated, { error: NotFound, note: 'no such lead, or not yours' }, API_KEY_LIMITED])
@Controller('v1/leads')
export class LeadsController {
  constructor(
    private readonly intake: LeadIntakeService,
    private readonly views: LeadViewsService,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string up to 255 characters (a UUID): a retry with the same key and body answers the first answer for 24 hours' })
  @Endpoint({
    summary: 'Push a lead (integrators, with an API key)',
    description:
      'The lead is called by the agent within seconds when the law allows, at the next lawful minute when it does not, never when it forbids (see its `timeline`). ' +
      'Without `consent` the lead is kept but never called (`blocked`, `consent.missing`). The same phone within 10 minutes is the same lead (a new submission, no second call). ' +
      "Stripe's Idempotency-Key semantics: the same key with the same body answers the same response (with `Idempotent-Replayed: true`); with another body, 422.",
    response: { status: 202, type: LeadDto },
    errors: [
      ValidationFailed,
      { error: InvalidLeadPhone, note: 'not a US or Canadian number' },
      { error: Forbidden, note: 'a session: this route takes an API key' },
      { error: CsrfRejected, note: 'a session without its CSRF header' },
      IdempotencyKeyInvalid,
      { error: IdempotencyKeyReused, note: 'the same key with a different body' },
    ],
  })
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: LeadCreateRequestDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LeadDto> {
    if (actor.kind !== 'api_key') throw new Forbidden('Leads are pushed with an API key (Authorization: Bearer bk_…); the dashboard takes them from forms');
    const { lead, replayed } = await this.intake.createFromApi(actor.businessId, body, { scope: `api-key:${actor.apiKeyId}`, key: idempotencyKey });
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return lead;
  }

  @Get(':id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @Endpoint({
    summary: 'A lead: status, calls and timeline',
    description:
      'Status `new → calling → called | deferred | blocked | failed` with its reason; the next attempt when one is scheduled; every call (its report: GET /v1/calls/:id); ' +
      'the timeline: submissions, consent, every compliance decision with its reasons, every call, status changes, notifications.',
    response: { status: 200, type: LeadDto },
  })
  async get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<LeadDto> {
    return this.views.view(await this.views.leadForActor(actor, id));
  }

  @Get(':id/consent')
  @ApiParam({ name: 'id', format: 'uuid' })
  @Endpoint({
    summary: "A lead's consent certificate",
    description:
      'The consent evidence as captured at submission (exact text and version, form, page URL, IP, user agent, checkbox, time), the SHA-256 recorded then and ' +
      'whether the evidence still matches it, every compliance decision and call that relied on it, and later revocations.',
    response: { status: 200, type: ConsentCertificateDto },
  })
  async consent(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ConsentCertificateDto> {
    return this.views.certificate(await this.views.leadForActor(actor, id));
  }
}

@ApiTags('leads')
@ApiCookieAuth('session')
@ApiBearerAuth('apiKey')
@ApiParam({ name: 'id', format: 'uuid', description: 'The business' })
@BusinessRoute('id')
@EndpointErrors([Unauthenticated, { error: NotFound, note: 'no such business, or not yours' }])
@Controller('v1/businesses/:id')
export class BusinessLeadsController {
  constructor(
    private readonly views: LeadViewsService,
    private readonly notifications: LeadNotificationsService,
    private readonly clock: Clock,
  ) {}

  @Get('leads')
  @ApiKeyAllowed()
  @Endpoint({
    summary: "The business's leads, newest first",
    description: 'Filters combine: status, and a creation range [from, to). Cursor pagination.',
    response: { status: 200, type: LeadPageDto },
    errors: [ValidationFailed, InvalidCursor, API_KEY_LIMITED],
  })
  list(@Param('id') businessId: string, @Query() query: LeadListQueryDto): Promise<LeadPageDto> {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from >= to) throw new ValidationFailed('from must be before to', { errors: [{ field: 'from', messages: ['must be before to'] }] });
    return this.views.list(businessId, { status: query.status, from, to, cursor: query.cursor, limit: query.limit });
  }

  @Get('lead-counts')
  @ApiKeyAllowed()
  @Endpoint({
    summary: "How many leads the business got in a period, by status",
    description: 'The overview tile: leads created in [from, to); without `to`, every lead since `from`.',
    response: { status: 200, type: LeadCountsDto },
    errors: [ValidationFailed, API_KEY_LIMITED],
  })
  counts(@Param('id') businessId: string, @Query() query: LeadCountsQueryDto): Promise<LeadCountsDto> {
    const from = new Date(query.from);
    const to = query.to ? new Date(query.to) : null;
    if (from >= (to ?? this.clock.now())) throw new ValidationFailed('from must be before to', { errors: [{ field: 'from', messages: ['must be before to'] }] });
    return this.views.counts(businessId, from, to);
  }

  @Get('lead-notifications')
  @Endpoint({
    summary: 'Whether you get an email for each new lead of this business',
    description: 'Per person: owners get them unless they turn them off; members only if they turn them on.',
    response: { status: 200, type: LeadNotificationSettingsDto },
    errors: [{ error: Forbidden, note: 'API keys' }],
  })
  getNotifications(@Param('id') businessId: string, @CurrentUser() user: User): Promise<LeadNotificationSettingsDto> {
    return this.notifications.settingsFor(businessId, user.id);
  }

  @Put('lead-notifications')
  @ApiCsrfHeader()
  @Endpoint({
    summary: 'Turn the new-lead emails on or off for yourself',
    response: { status: 200, type: LeadNotificationSettingsDto },
    errors: [ValidationFailed, CsrfRejected, { error: Forbidden, note: 'API keys' }],
  })
  putNotifications(@Param('id') businessId: string, @CurrentUser() user: User, @Body() body: LeadNotificationSettingsDto): Promise<LeadNotificationSettingsDto> {
    return this.notifications.saveSettings(businessId, user.id, body);
  }
}

