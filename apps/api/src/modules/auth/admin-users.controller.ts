import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCookieAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ProblemResponse } from '../../common/http/openapi';
import { AdminOnly } from './access/decorators';
import { AdminUserPageDto, AdminUserQueryDto } from './dto/admin-user.dto';
import { UsersService } from './users.service';

/** Staff search over users. The admin module extends the staff surface; this is its first piece. */
@ApiTags('admin')
@ApiCookieAuth('session')
@AdminOnly()
@Controller('v1/admin/users')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Find users by part of their email, newest first (staff only)' })
  @ApiOkResponse({ type: AdminUserPageDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED, PAGINATION.INVALID_CURSOR' })
  @ApiUnauthorizedResponse({ type: ProblemResponse, description: 'AUTH.UNAUTHENTICATED' })
  @ApiForbiddenResponse({ type: ProblemResponse, description: 'AUTH.FORBIDDEN: not staff' })
  search(@Query() query: AdminUserQueryDto): Promise<AdminUserPageDto> {
    return this.users.search(query.query, query);
  }
}
