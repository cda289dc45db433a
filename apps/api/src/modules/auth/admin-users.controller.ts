import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { type AuditActor, Auditor } from '../../common/audit/audit.service';
import { Forbidden, InvalidCursor, Unauthenticated, ValidationFailed } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { AdminOnly, ApiCsrfHeader } from './access/decorators';
import { AlreadySuspended, CannotSuspendSelf, CsrfRejected, NotSuspended, UserNotFound } from './auth.errors';
import { AdminUserPageDto, AdminUserQueryDto, SuspensionRequestDto, UserSuspensionDto } from './dto/admin-user.dto';
import { UserSuspensionService } from './user-suspension.service';
import { UsersService } from './users.service';

/** Staff's tools over users: find them, suspend them, reinstate them (each change audited). */
@ApiTags('admin')
@ApiCookieAuth('session')
@AdminOnly()
@EndpointErrors([Unauthenticated, { error: Forbidden, note: 'not staff' }])
@Controller('v1/admin/users')
export class AdminUsersController {
  constructor(
    private readonly users: UsersService,
    private readonly suspensions: UserSuspensionService,
  ) {}

  @Get()
  @Endpoint({
    summary: 'Find users by part of their email, newest first (staff only)',
    response: { status: 200, type: AdminUserPageDto },
    errors: [ValidationFailed, InvalidCursor],
  })
  search(@Query() query: AdminUserQueryDto): Promise<AdminUserPageDto> {
    return this.users.search(query.query, query);
  }

  @Post(':id/suspension')
  @HttpCode(201)
  @ApiCsrfHeader()
  @ApiParam({ name: 'id', format: 'uuid' })
  @Endpoint({
    summary: 'Suspend a user: signed out everywhere, their API keys refused, sign-in refused with the reason',
    description: 'Takes effect on every API instance at once (sessions are revoked and dropped from every process cache; API keys are checked on each request). Audited as user.suspend.',
    response: { status: 201, type: UserSuspensionDto },
    errors: [CsrfRejected, ValidationFailed, UserNotFound, AlreadySuspended, CannotSuspendSelf],
  })
  suspend(@Param('id') userId: string, @Body() body: SuspensionRequestDto, @Auditor() auditor: AuditActor): Promise<UserSuspensionDto> {
    return this.suspensions.suspend(userId, body.reason, auditor);
  }

  @Delete(':id/suspension')
  @HttpCode(200)
  @ApiCsrfHeader()
  @ApiParam({ name: 'id', format: 'uuid' })
  @Endpoint({
    summary: 'Lift a suspension, with a reason: the user may sign in again (their old sessions stay signed out)',
    description: 'Audited as user.unsuspend.',
    response: { status: 200, type: UserSuspensionDto },
    errors: [CsrfRejected, ValidationFailed, UserNotFound, NotSuspended],
  })
  lift(@Param('id') userId: string, @Body() body: SuspensionRequestDto, @Auditor() auditor: AuditActor): Promise<UserSuspensionDto> {
    return this.suspensions.lift(userId, body.reason, auditor);
  }
}
