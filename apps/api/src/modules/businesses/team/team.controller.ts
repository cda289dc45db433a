import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCookieAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { Forbidden, NotFound, RateLimited, RateLimitsUnavailable, Unauthenticated, ValidationFailed } from '../../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../../common/http/endpoint';
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
    summary: 'The team: owners first',
    response: { status: 200, type: BusinessMemberPageDto },
    errors: [{ error: Forbidden, note: 'API keys' }],
  })
  list(@Param('id') businessId: string): Promise<BusinessMemberPageDto> {
    return this.team.list(businessId);
  }

  @Post()
  @HttpCode(201)
  @BusinessOwnerOnly('id')
  @ApiCsrfHeader()
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
    ],
  })
  invite(@Param('id') businessId: string, @Body() body: MemberInviteRequestDto, @CurrentUser() user: User): Promise<BusinessMemberDto> {
    return this.team.invite(businessId, user, body.email);
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
