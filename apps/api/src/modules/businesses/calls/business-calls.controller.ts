import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ProblemResponse } from '../../../common/http/openapi';
import { ApiKeyAllowed, BusinessRoute } from '../../auth';
import { BusinessCallPageDto, BusinessCallsQueryDto } from '../dto/business-calls.dto';
import { BusinessCallsService } from './business-calls.service';

@ApiTags('calls')
@ApiCookieAuth('session')
@ApiBearerAuth('apiKey')
@BusinessRoute('id')
@ApiKeyAllowed()
@Controller('v1/businesses/:id/calls')
export class BusinessCallsController {
  constructor(private readonly calls: BusinessCallsService) {}

  @Get()
  @ApiParam({ name: 'id', format: 'uuid', description: 'The business' })
  @ApiOperation({
    summary: "The business's calls, newest first",
    description: 'Filters combine: direction, status, and a creation range [from, to). Cursor pagination; each call\'s report is GET /v1/calls/:id.',
  })
  @ApiOkResponse({ type: BusinessCallPageDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED, PAGINATION.INVALID_CURSOR, BUSINESSES.INVALID_DATE_RANGE' })
  @ApiUnauthorizedResponse({ type: ProblemResponse, description: 'AUTH.UNAUTHENTICATED' })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'NOT_FOUND: no such business, or not yours' })
  list(@Param('id') businessId: string, @Query() query: BusinessCallsQueryDto): Promise<BusinessCallPageDto> {
    return this.calls.list(businessId, query);
  }
}
