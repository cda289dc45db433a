import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { ConsentRecord } from '@beaker/contracts';
import { InvalidCursor, NotFound, Unauthenticated, ValidationFailed } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { AccountSuspended, API_KEY_LIMITED, ApiKeyAllowed, BusinessRoute } from '../auth';
import { InvalidPhoneNumber } from './compliance.errors';
import { ConsentLedgerService } from './consent-ledger.service';
import { consentRecordsCsv } from './consents.csv';
import { ConsentListQueryDto, ConsentRecordPageDto } from './dto/consent.dto';

@ApiTags('consents')
@ApiCookieAuth('session')
@ApiBearerAuth('apiKey')
@BusinessRoute('id')
@ApiKeyAllowed()
@EndpointErrors([Unauthenticated, AccountSuspended, { error: NotFound, note: 'no such business among yours' }, API_KEY_LIMITED])
@Controller('v1/businesses/:id/consents')
export class ConsentsController {
  constructor(private readonly ledger: ConsentLedgerService) {}

  @Get()
  @ApiParam({ name: 'id', format: 'uuid', description: 'The business' })
  @ApiProduces('application/json', 'text/csv')
  @Endpoint({
    summary: 'Export the consent evidence: grants (exact text, hash, version, when, IP, user agent, page, form) and revocations, newest first',
    response: { status: 200, type: ConsentRecordPageDto, description: 'With format=csv: text/csv of the same page; the next cursor is in X-Next-Cursor' },
    errors: [ValidationFailed, InvalidCursor, InvalidPhoneNumber],
  })
  async list(
    @Param('id') businessId: string,
    @Query() query: ConsentListQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConsentRecordPageDto | string> {
    const page = await this.ledger.list(businessId.toLowerCase(), query);
    if (query.format !== 'csv') return page;
    void reply.header('content-type', 'text/csv; charset=utf-8');
    void reply.header('content-disposition', `attachment; filename="consents-${businessId.toLowerCase()}.csv"`);
    if (page.nextCursor) void reply.header('x-next-cursor', page.nextCursor);
    return consentRecordsCsv(page.items as ConsentRecord[]);
  }
}
