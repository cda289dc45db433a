import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ProblemResponse } from '../../../common/http/openapi';
import { ApiCsrfHeader, BusinessOwnerOnly, BusinessRoute, CurrentUser } from '../../auth';
import type { User } from '../../auth';
import { BusinessMemberDto, BusinessMemberPageDto, MemberInviteRequestDto } from '../dto/business-overview.dto';
import { TeamService } from './team.service';

@ApiTags('team')
@ApiCookieAuth('session')
@ApiParam({ name: 'id', format: 'uuid', description: 'The business' })
@ApiUnauthorizedResponse({ type: ProblemResponse, description: 'AUTH.UNAUTHENTICATED' })
@ApiNotFoundResponse({ type: ProblemResponse, description: 'NOT_FOUND: no such business among yours' })
@Controller('v1/businesses/:id/members')
export class TeamController {
  constructor(private readonly team: TeamService) {}

  @Get()
  @BusinessRoute('id')
  @ApiOperation({ summary: 'The team: owners first' })
  @ApiOkResponse({ type: BusinessMemberPageDto })
  @ApiForbiddenResponse({ type: ProblemResponse, description: 'AUTH.FORBIDDEN (API keys)' })
  list(@Param('id') businessId: string): Promise<BusinessMemberPageDto> {
    return this.team.list(businessId);
  }

  @Post()
  @HttpCode(201)
  @BusinessOwnerOnly('id')
  @ApiCsrfHeader()
  @ApiOperation({ summary: 'Add someone to the team by email (owners): they get a sign-in link to the dashboard' })
  @ApiCreatedResponse({ type: BusinessMemberDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED' })
  @ApiForbiddenResponse({ type: ProblemResponse, description: 'AUTH.FORBIDDEN (a member or an API key), AUTH.CSRF' })
  @ApiConflictResponse({ type: ProblemResponse, description: 'BUSINESSES.ALREADY_A_MEMBER' })
  @ApiTooManyRequestsResponse({ type: ProblemResponse, description: 'RATE_LIMITED: 20 invitations an hour per business' })
  @ApiServiceUnavailableResponse({ type: ProblemResponse, description: 'MAIL.UNAVAILABLE: nobody was added; try again' })
  invite(@Param('id') businessId: string, @Body() body: MemberInviteRequestDto, @CurrentUser() user: User): Promise<BusinessMemberDto> {
    return this.team.invite(businessId, user, body.email);
  }

  @Delete(':userId')
  @HttpCode(204)
  @BusinessOwnerOnly('id')
  @ApiCsrfHeader()
  @ApiParam({ name: 'userId', format: 'uuid' })
  @ApiOperation({ summary: 'Remove someone from the team (owners); their access ends with their next request' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiForbiddenResponse({ type: ProblemResponse, description: 'AUTH.FORBIDDEN (a member or an API key), AUTH.CSRF' })
  @ApiConflictResponse({ type: ProblemResponse, description: 'BUSINESSES.LAST_OWNER: a business keeps at least one owner' })
  async remove(@Param('id') businessId: string, @Param('userId') userId: string): Promise<void> {
    await this.team.remove(businessId, userId);
  }
}
