import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AdminBusinessMargin, ProviderCostRow } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { Forbidden, InvalidCursor, Unauthenticated, ValidationFailed } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { MAX_PAGE_SIZE } from '../../common/http/pagination';
import { AdminOnly } from '../auth';
import { AdminCostsService } from './admin-costs.service';
import { businessMarginsCsv, providerCostsCsv } from './admin-costs.csv';
import { AdminCostReportDto, AdminCostsQueryDto } from './dto/admin-costs.dto';

const DEFAULT_PERIOD_MS = 30 * 86_400_000;

@ApiTags('admin')
@ApiCookieAuth('session')
@AdminOnly()
@EndpointErrors([Unauthenticated, { error: Forbidden, note: 'not staff' }])
@Controller('v1/admin/costs')
export class AdminCostsController {
  constructor(
    private readonly costs: AdminCostsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiProduces('application/json', 'text/csv')
  @Endpoint({
    summary: 'Costs and margin over a period: call costs per provider per day, or revenue (paid Stripe invoices) minus call costs per business, least profitable first (staff only)',
    description: 'Period [from, to), default the last 30 days, at most 366 days. format=csv answers the whole report as text/csv.',
    response: { status: 200, type: AdminCostReportDto, description: 'With format=csv: text/csv of every row of the period' },
    errors: [ValidationFailed, InvalidCursor],
  })
  async report(@Query() query: AdminCostsQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<AdminCostReportDto | string> {
    const to = query.to ? new Date(query.to) : this.clock.now();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_PERIOD_MS);
    const period = AdminCostsService.period(from, to);
    const groupBy = query.groupBy ?? 'business';
    if (query.format !== 'csv') return this.costs.report(groupBy, period, { cursor: query.cursor, limit: query.limit ?? MAX_PAGE_SIZE });
    const report = await this.costs.report(groupBy, period);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    void reply.header('content-type', 'text/csv; charset=utf-8');
    void reply.header('content-disposition', `attachment; filename="costs-by-${groupBy}-${day(from)}-${day(to)}.csv"`);
    return groupBy === 'provider' ? providerCostsCsv(report.items as ProviderCostRow[]) : businessMarginsCsv(report.items as AdminBusinessMargin[]);
  }
}
