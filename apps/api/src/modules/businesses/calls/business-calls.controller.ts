import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { InvalidCursor, NotFound, Unauthenticated, ValidationFailed } from '../../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../../common/http/endpoint';
import { API_KEY_LIMITED, ApiKeyAllowed, BusinessRoute } from '../../auth';
import { InvalidDateRange } from '../businesses.errors';
import { BusinessCallPageDto, BusinessCallsQueryDto } from '../dto/business-calls.dto';
import { BusinessCallsService } from './business-calls.service';

@ApiTags('calls')
@ApiCookieAuth('session')
@ApiBearerAuth('apiKey')
@BusinessRoute('id')
@ApiKeyAllowed()
@EndpointErrors([Unauthenticated, { error: NotFound, note: 'no such business, or not yours' }, API_KEY_LIMITED])
@Controller('v1/businesses/:id/calls')
export class BusinessCallsController {
  constructor(private readonly calls: BusinessCallsService) {}

  @Get()
  @ApiParam({ name: 'id', format: 'uuid', description: 'The business' })
  @Endpoint({
    summary: "The business's calls, newest first",
    description: 'Filters combine: direction, status, and a creation range [from, to). Cursor pagination; each call\'s report is GET /v1/calls/:id.',
    response: { status: 200, type: BusinessCallPageDto },
    errors: [ValidationFailed, InvalidCursor, InvalidDateRange],
  })
  list(@Param('id') businessId: string, @Query() query: BusinessCallsQueryDto): Promise<BusinessCallPageDto> {
    return this.calls.list(businessId, query);
  }
}
