import { Controller, Get, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { Forbidden, InvalidCursor, Unauthenticated, ValidationFailed } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { AdminOnly } from '../auth';
import { AdminSearchService } from './admin-search.service';
import { AdminSearchPageDto, AdminSearchQueryDto } from './dto/admin-search.dto';

@ApiTags('admin')
@ApiCookieAuth('session')
@AdminOnly()
@EndpointErrors([Unauthenticated, { error: Forbidden, note: 'not staff' }])
@Controller('v1/admin/search')
export class AdminSearchController {
  constructor(private readonly search: AdminSearchService) {}

  @Get()
  @Endpoint({
    summary: 'Find anything: users, businesses, phone numbers, trials, calls, leads, webhook events (staff only)',
    description:
      'One box: an email (whole, its start, or a part of it), a business name, any id, a Stripe customer or subscription id, a Vapi call id, a Twilio call sid, a provider event id, or a phone number in any usual format ((773) 555-0100, 7735550100, +17735550100). Best match first.',
    response: { status: 200, type: AdminSearchPageDto },
    errors: [ValidationFailed, InvalidCursor],
  })
  find(@Query() query: AdminSearchQueryDto): Promise<AdminSearchPageDto> {
    return this.search.search(query.q, query);
  }
}
