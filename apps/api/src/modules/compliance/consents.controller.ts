import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { ConsentRecord } from '@beaker/contracts';
import { ProblemResponse } from '../../common/http/openapi';
import { ApiKeyAllowed, BusinessRoute } from '../auth';
import { ConsentLedgerService } from './consent-ledger.service';
import { consentRecordsCsv } from './consents.csv';
import { ConsentListQueryDto, ConsentRecordPageDto } from './dto/consent.dto';

@ApiTags('consents')
@ApiCookieAuth('session')
@ApiBearerAuth('apiKey')
@BusinessRoute('id')
@ApiKeyAllowed()
@Controller('v1/businesses/:id/consents')
export class ConsentsController {
  constructor(private readonly ledger: ConsentLedgerService) {}

  @Get()
  @ApiParam({ name: 'id', format: 'uuid', description: 'The business' })
  @ApiOperation({
    summary: 'Export the consent evidence: grants (exact text, hash, version, when, IP, user agent, page, form) and revocations, newest first',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ConsentRecordPageDto, description: 'With format=csv: text/csv of the same page; the next cursor is in X-Next-Cursor' })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED, PAGINATION.INVALID_CURSOR, COMPLIANCE.INVALID_PHONE' })
  @ApiUnauthorizedResponse({ type: ProblemResponse, description: 'AUTH.UNAUTHENTICATED' })
  @ApiForbiddenResponse({ type: ProblemResponse, description: 'AUTH.SUSPENDED' })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'NOT_FOUND: no such business among yours' })
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
