import { Controller, Get, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { Forbidden, Unauthenticated, ValidationFailed } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { AdminOnly } from '../auth';
import { AdminAnalyticsService } from './admin-analytics.service';
import { AdminFunnelDto, AdminFunnelQueryDto, AdminMrrDto, AdminMrrQueryDto } from './dto/admin-analytics.dto';

@ApiTags('admin')
@ApiCookieAuth('session')
@AdminOnly()
@EndpointErrors([Unauthenticated, { error: Forbidden, note: 'not staff' }])
@Controller('v1/admin/analytics')
export class AdminAnalyticsController {
  constructor(private readonly analytics: AdminAnalyticsService) {}

  @Get('mrr')
  @Endpoint({
    summary: 'MRR and its movements (new, expansion, contraction, churn, reactivation) by month or day, in cents (staff only)',
    description:
      "From the Stripe subscription events' history, in event time, per customer as ChartMogul defines the movements. " +
      'Periods are UTC calendar months (default) or days, from the one holding from to the one holding to; default the last twelve months.',
    response: { status: 200, type: AdminMrrDto },
    errors: [ValidationFailed],
  })
  mrr(@Query() query: AdminMrrQueryDto): Promise<AdminMrrDto> {
    return this.analytics.mrr(query);
  }

  @Get('funnel')
  @Endpoint({
    summary: 'The trial funnel by ISO week of signup or by industry: counts and conversion rates per step (staff only)',
    description:
      'Signed up → trial started → phone verified → trial call placed → trial call answered → checkout started → paid, for the people who signed up ' +
      'from from to to (UTC days, both included; default the last twelve ISO weeks). A person counts at a step when they reached it and every step before it.',
    response: { status: 200, type: AdminFunnelDto },
    errors: [ValidationFailed],
  })
  funnel(@Query() query: AdminFunnelQueryDto): Promise<AdminFunnelDto> {
    return this.analytics.funnel(query);
  }
}
