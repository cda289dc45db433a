import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PLAN_CATALOG, PLANS } from '@beaker/contracts';
import { ProblemResponse } from '../../common/http/openapi';
import { Public } from '../auth';
import { PlanListDto, PlanQueryDto } from './dto/plan.dto';

const ALL_PLANS = PLANS.map((p) => PLAN_CATALOG[p]);

@ApiTags('billing')
@Public()
@Controller('v1/plans')
export class PlansController {
  @Get()
  @ApiOperation({ summary: 'The plans a business can subscribe to' })
  @ApiOkResponse({ type: PlanListDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED' })
  list(@Query() query: PlanQueryDto): PlanListDto {
    return { items: query.plan ? [PLAN_CATALOG[query.plan]] : ALL_PLANS, nextCursor: null };
  }
}
