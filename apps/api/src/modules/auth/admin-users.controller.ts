import { Controller, Get, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { Forbidden, InvalidCursor, Unauthenticated, ValidationFailed } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { AdminOnly } from './access/decorators';
import { AdminUserPageDto, AdminUserQueryDto } from './dto/admin-user.dto';
import { UsersService } from './users.service';

/** Staff search over users. The admin module extends the staff surface; this is its first piece. */
@ApiTags('admin')
@ApiCookieAuth('session')
@AdminOnly()
@EndpointErrors([Unauthenticated, { error: Forbidden, note: 'not staff' }])
@Controller('v1/admin/users')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Endpoint({
    summary: 'Find users by part of their email, newest first (staff only)',
    response: { status: 200, type: AdminUserPageDto },
    errors: [ValidationFailed, InvalidCursor],
  })
  search(@Query() query: AdminUserQueryDto): Promise<AdminUserPageDto> {
    return this.users.search(query.query, query);
  }
}
