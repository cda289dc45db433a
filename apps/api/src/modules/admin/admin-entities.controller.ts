import { Controller, Get, Param } from '@nestjs/common';
import { ApiCookieAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { Forbidden, NotFound, Unauthenticated } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { AdminOnly } from '../auth';
import { AdminEntitiesService } from './admin-entities.service';
import { AdminBusinessDetailDto, AdminUserDetailDto } from './dto/admin-entities.dto';

/** Staff's page of one thing (the web app's /admin/<kind>s/:id, where search results link). */
@ApiTags('admin')
@ApiCookieAuth('session')
@AdminOnly()
@EndpointErrors([Unauthenticated, { error: Forbidden, note: 'not staff' }])
@Controller('v1/admin')
export class AdminEntitiesController {
  constructor(private readonly entities: AdminEntitiesService) {}

  @Get('users/:id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @Endpoint({
    summary: 'A user as staff see them: account and suspension, sessions, businesses, trials, audit lines',
    response: { status: 200, type: AdminUserDetailDto },
    errors: [{ error: NotFound, note: 'no such user' }],
  })
  user(@Param('id') id: string): Promise<AdminUserDetailDto> {
    return this.entities.user(id);
  }

  @Get('businesses/:id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @Endpoint({
    summary: 'A business as staff see it: plan, status, usage, number, setup, Stripe ids, members, recent calls and leads, audit lines',
    response: { status: 200, type: AdminBusinessDetailDto },
    errors: [{ error: NotFound, note: 'no such business' }],
  })
  business(@Param('id') id: string): Promise<AdminBusinessDetailDto> {
    return this.entities.business(id);
  }
}
