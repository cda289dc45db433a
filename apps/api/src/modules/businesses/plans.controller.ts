import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PLAN_CATALOG, PLANS } from '@beaker/contracts';
import { ValidationFailed } from '../../common/errors/common.errors';
import { Endpoint } from '../../common/http/endpoint';
import { Public } from '../auth';
import { PlanListDto, PlanQueryDto } from './dto/plan.dto';

const ALL_PLANS = PLANS.map((p) => PLAN_CATALOG[p]);

@ApiTags('billing')
@Public()
@Controller('v1/plans')
export class PlansController {
  @Get()
  @Endpoint({ summary: 'The plans a business can subscribe to', response: { status: 200, type: PlanListDto }, errors: [ValidationFailed] })
  list(@Query() query: PlanQueryDto): PlanListDto {
    return { items: query.plan ? [PLAN_CATALOG[query.plan]] : ALL_PLANS, nextCursor: null };
  }
}
