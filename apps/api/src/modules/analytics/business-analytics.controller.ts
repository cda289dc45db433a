import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { Forbidden, NotFound, Unauthenticated, ValidationFailed } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { BusinessRoute } from '../auth';
import { BusinessAnalyticsService } from './business-analytics.service';
import { BusinessAnalyticsDto, BusinessAnalyticsQueryDto } from './dto/business-analytics.dto';

@ApiTags('analytics')
@ApiCookieAuth('session')
@ApiParam({ name: 'id', format: 'uuid', description: 'The business' })
@BusinessRoute('id')
@EndpointErrors([Unauthenticated, { error: NotFound, note: 'no such business, or not yours' }])
@Controller('v1/businesses/:id')
export class BusinessAnalyticsController {
  constructor(private readonly analytics: BusinessAnalyticsService) {}

  @Get('analytics')
  @Endpoint({
    summary: "The business's dashboard figures over a range of its local days",
    description:
      'Tiles (calls, leads, answered rate, minutes, time to call), each against the period of the same length just before, and a point per day or week. ' +
      "Days are the business's local days; past days come from the daily snapshots, today is computed live.",
    response: { status: 200, type: BusinessAnalyticsDto },
    errors: [ValidationFailed, { error: Forbidden, note: 'API keys (the dashboard is for members signed in)' }],
  })
  get(@Param('id') businessId: string, @Query() query: BusinessAnalyticsQueryDto): Promise<BusinessAnalyticsDto> {
    return this.analytics.forBusiness(businessId, query);
  }
}
