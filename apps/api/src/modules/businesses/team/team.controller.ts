import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiHeader, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Forbidden, InvalidCursor, NotFound, RateLimited, RateLimitsUnavailable, Unauthenticated, ValidationFailed } from '../../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../../common/http/endpoint';
import { PageQueryDto } from '../../../common/http/pagination';
import { IdempotencyKeyInvalid, IdempotencyKeyReused } from '../../../common/idempotency/idempotency.errors';
import { MailUnavailable } from '../../../common/mail/mailer';
import { ApiCsrfHeader, BusinessOwnerOnly, BusinessRoute, CsrfRejected, CurrentUser } from '../../auth';
import type { User } from '../../auth';
import { AlreadyAMember, LastOwner, MemberNotFound } from '../businesses.errors';
import { BusinessMemberDto, BusinessMemberPageDto, MemberInviteRequestDto } from '../dto/business-overview.dto';
import { TeamService } from './team.service';

@ApiTags('team')
@ApiCookieAuth('session')
@ApiParam({ name: 'id', format: 'uuid', description: 'The business' })
@EndpointErrors([Unauthenticated, { error: NotFound, note: 'no such business among yours' }])
@Controller('v1/businesses/:id/members')
export class TeamController {
  constructor(private readonly team: TeamService) {}

  @Get()
  @BusinessRoute('id')
  @Endpoint({
    summary: 'The team: owners first, then by when they joined (`{items, nextCursor}`)',
    response: { status: 200, type: BusinessMemberPageDto },
    errors: [{ error: Forbidden, note: 'API keys' }, ValidationFailed, InvalidCursor],
  })
  list(@Param('id') businessId: string, @Query() query: PageQueryDto): Promise<BusinessMemberPageDto> {
    return this.team.list(businessId, query);
  }

  @Post()
  @HttpCode(201)
  @BusinessOwnerOnly('id')
  @ApiCsrfHeader()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string up to 255 characters: a retry with the same key and body answers the same member for 24 hours (nobody is emailed twice)' })
  @Endpoint({
    summary: 'Add someone to the team by email (owners): they get a sign-in link to the dashboard',
    response: { status: 201, type: BusinessMemberDto },
    errors: [
      ValidationFailed,
      { error: Forbidden, note: 'a member or an API key' },
      CsrfRejected,
      AlreadyAMember,
      { error: RateLimited, note: '20 invitations an hour per business' },
      { error: RateLimitsUnavailable, note: 'the invitation limit cannot be checked; with Retry-After' },
      { error: MailUnavailable, note: 'nobody was added; try again' },
      IdempotencyKeyInvalid,
      { error: IdempotencyKeyReused, note: 'the same key with a different body' },
    ],
  })
  async invite(
    @Param('id') businessId: string,
    @Body() body: MemberInviteRequestDto,
    @CurrentUser() user: User,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BusinessMemberDto> {
    const { member, replayed } = await this.team.invite(businessId, user, body.email, idempotencyKey);
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return member;
  }

  @Delete(':userId')
  @HttpCode(204)
  @BusinessOwnerOnly('id')
  @ApiCsrfHeader()
  @ApiParam({ name: 'userId', format: 'uuid' })
  @Endpoint({
    summary: 'Remove someone from the team (owners); their access ends with their next request',
    response: { status: 204, description: 'Removed' },
    errors: [
      { error: Forbidden, note: 'a member or an API key' },
      CsrfRejected,
      MemberNotFound,
      { error: LastOwner, note: 'a business keeps at least one owner' },
    ],
  })
  async remove(@Param('id') businessId: string, @Param('userId') userId: string): Promise<void> {
    await this.team.remove(businessId, userId);
  }
}
