import { Injectable } from '@nestjs/common';
import type { BusinessCallSummary, Page } from '@beaker/contracts';
import { DEFAULT_PAGE_SIZE } from '../../../common/http/pagination';
import { CallsService } from '../../calls';
import { InvalidDateRange } from '../businesses.errors';
import type { BusinessCallsQueryDto } from '../dto/business-calls.dto';

/** The dashboard's and integrators' list of a business's calls (the calls module keeps them). */
@Injectable()
export class BusinessCallsService {
  constructor(private readonly calls: CallsService) {}

  list(businessId: string, query: BusinessCallsQueryDto): Promise<Page<BusinessCallSummary>> {
    const from = query.from ? new Date(query.from) : null;
    const to = query.to ? new Date(query.to) : null;
    if (from && to && from.getTime() >= to.getTime()) throw new InvalidDateRange('`from` must be before `to`');
    return this.calls.listForBusiness(businessId, {
      direction: query.direction,
      status: query.status,
      from,
      to,
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
    });
  }
}
