import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCookieAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ProblemResponse } from '../../common/http/openapi';
import { paginate } from '../../common/http/pagination';
import { AdminOnly } from './access/decorators';
import { AdminUserPageDto, AdminUserQueryDto } from './dto/admin-user.dto';
import { User } from './entities/user.entity';

/** Staff search over users. The admin module extends the staff surface; this is its first piece. */
@ApiTags('admin')
@ApiCookieAuth('session')
@AdminOnly()
@Controller('v1/admin/users')
export class AdminUsersController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Find users by part of their email, newest first (staff only)' })
  @ApiOkResponse({ type: AdminUserPageDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED, PAGINATION.INVALID_CURSOR' })
  @ApiUnauthorizedResponse({ type: ProblemResponse, description: 'AUTH.UNAUTHENTICATED' })
  @ApiForbiddenResponse({ type: ProblemResponse, description: 'AUTH.FORBIDDEN: not staff' })
  async search(@Query() query: AdminUserQueryDto): Promise<AdminUserPageDto> {
    const qb = this.db.getRepository(User).createQueryBuilder('u');
    const term = query.query?.trim().toLowerCase();
    if (term) {
      // Escape LIKE's wildcards: the query is text to find, not a pattern.
      qb.where(`u.email LIKE :pattern ESCAPE '\\'`, { pattern: `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    }
    const page = await paginate(qb, query);
    return {
      items: page.items.map((u) => ({
        id: u.id,
        email: u.email,
        role: u.role,
        createdAt: u.createdAt.toISOString(),
        lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
        suspendedAt: u.suspendedAt?.toISOString() ?? null,
      })),
      nextCursor: page.nextCursor,
    };
  }
}
