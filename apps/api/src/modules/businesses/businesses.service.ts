import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BusinessResponse } from '@beaker/contracts';
import { NotFound } from '../../common/errors/common.errors';
import { Business } from './entities/business.entity';

@Injectable()
export class BusinessesService {
  constructor(private readonly db: DataSource) {}

  /** The business as its members see it. Access is checked by @BusinessRoute before this runs. */
  async get(id: string): Promise<BusinessResponse> {
    const business = await this.db.getRepository(Business).findOneBy({ id });
    if (!business) throw new NotFound('No such business');
    return {
      id: business.id,
      name: business.name,
      status: business.status,
      plan: business.plan,
      callsIncluded: business.callsIncluded,
      callsUsedThisPeriod: business.callsUsedThisPeriod,
      currentPeriodEnd: business.currentPeriodEnd?.toISOString() ?? null,
    };
  }
}
