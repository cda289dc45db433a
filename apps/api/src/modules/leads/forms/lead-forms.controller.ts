import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiHeader, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { InvalidCursor, NotFound, Unauthenticated, ValidationFailed } from '../../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../../common/http/endpoint';
import { PageQueryDto } from '../../../common/http/pagination';
import { IdempotencyKeyInvalid, IdempotencyKeyReused } from '../../../common/idempotency/idempotency.errors';
import { type Actor, API_KEY_LIMITED, ApiCsrfHeader, ApiKeyAllowed, BusinessRoute, CsrfRejected, CurrentActor } from '../../auth';
import { CreateLeadFormDto, LeadFormDto, LeadFormPageDto, UpdateLeadFormDto } from '../dto/lead-form.dto';
import { FormLimitReached } from '../leads.errors';
import { LeadFormsService } from './lead-forms.service';

@ApiTags('leads')
@ApiCookieAuth('session')
@ApiBearerAuth('apiKey')
@ApiParam({ name: 'id', format: 'uuid', description: 'The business' })
@BusinessRoute('id')
@ApiKeyAllowed()
@EndpointErrors([Unauthenticated, { error: NotFound, note: 'no such business (or form), or not yours' }, API_KEY_LIMITED])
@Controller('v1/businesses/:id/forms')
export class LeadFormsController {
  constructor(private readonly forms: LeadFormsService) {}

  @Get()
  @Endpoint({
    summary: "The business's web forms, newest first",
    description: 'Each with its embed snippet. Deleted forms are not listed (their leads keep their form id). Cursor pagination, like every list.',
    response: { status: 200, type: LeadFormPageDto },
    errors: [ValidationFailed, InvalidCursor],
  })
  list(@Param('id') businessId: string, @Query() query: PageQueryDto): Promise<LeadFormPageDto> {
    return this.forms.list(businessId, query);
  }

  @Post()
  @HttpCode(201)
  @ApiCsrfHeader()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string up to 255 characters: a retry with the same key and body answers the same form for 24 hours' })
  @Endpoint({
    summary: 'Create a web form',
    description:
      'Only `name` is required: the fields default to name and phone (always asked) with email and message optional, the consent text to one that names ' +
      'the business, the AI voice and how to opt out, auto-call to on. Add the sites that will show it to `allowedOrigins`, then paste `embedSnippet` into them.',
    response: { status: 201, type: LeadFormDto },
    errors: [
      ValidationFailed,
      CsrfRejected,
      { error: FormLimitReached, note: 'up to 20 forms per business' },
      IdempotencyKeyInvalid,
      { error: IdempotencyKeyReused, note: 'the same key with a different body' },
    ],
  })
  async create(
    @Param('id') businessId: string,
    @Body() body: CreateLeadFormDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LeadFormDto> {
    const scope = actor.kind === 'api_key' ? `api-key:${actor.apiKeyId}` : `user:${actor.user.id}`;
    const { form, replayed } = await this.forms.create(businessId, body, { scope, key: idempotencyKey });
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return form;
  }

  @Get(':formId')
  @ApiParam({ name: 'formId', format: 'uuid' })
  @Endpoint({ summary: 'A web form', response: { status: 200, type: LeadFormDto } })
  get(@Param('id') businessId: string, @Param('formId') formId: string): Promise<LeadFormDto> {
    return this.forms.get(businessId, formId);
  }

  @Patch(':formId')
  @ApiCsrfHeader()
  @ApiParam({ name: 'formId', format: 'uuid' })
  @Endpoint({
    summary: 'Change a web form',
    description: 'Any of its fields. A new consent text makes a new `consentVersion`; leads keep the exact text they were shown.',
    response: { status: 200, type: LeadFormDto },
    errors: [ValidationFailed, CsrfRejected],
  })
  update(@Param('id') businessId: string, @Param('formId') formId: string, @Body() body: UpdateLeadFormDto): Promise<LeadFormDto> {
    return this.forms.update(businessId, formId, body);
  }

  @Delete(':formId')
  @HttpCode(204)
  @ApiCsrfHeader()
  @ApiParam({ name: 'formId', format: 'uuid' })
  @Endpoint({
    summary: 'Delete a web form',
    description: 'Its snippet stops working at once (the script says the form is no longer available); its leads stay, with their consent evidence.',
    response: { status: 204, description: 'Deleted' },
    errors: [CsrfRejected],
  })
  async remove(@Param('id') businessId: string, @Param('formId') formId: string): Promise<void> {
    await this.forms.remove(businessId, formId);
  }
}
