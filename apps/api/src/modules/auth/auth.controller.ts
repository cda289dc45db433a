import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MAGIC_LINK_TTL_MINUTES } from '@beaker/contracts';
import { Forbidden, RateLimited, RateLimitsUnavailable, Unauthenticated, ValidationFailed } from '../../common/errors/common.errors';
import { Endpoint } from '../../common/http/endpoint';
import { MailUnavailable } from '../../common/mail/mailer';
import type { UserActor } from './access/actor';
import { ApiCsrfHeader, CurrentActor, Public, TrialSessionAllowed } from './access/decorators';
import { AccountSuspended, CsrfRejected, TokenExpired, TokenInvalid } from './auth.errors';
import { CSRF_COOKIE, SESSION_COOKIE } from './cookies';
import { CurrentSessionResponseDto, MagicLinkAcceptedDto, MagicLinkRequestDto, MeResponseDto, SessionRequestDto, SessionResponseDto } from './dto/auth.dto';
import type { User } from './entities/user.entity';
import { MagicLinksService } from './magic-links.service';
import { MembershipService } from './membership.service';
import { SessionCookies } from './session-cookies';
import { SessionsService } from './sessions.service';

const MAGIC_LINK_ACCEPTED: MagicLinkAcceptedDto = {
  message: 'Check your email: if the address can receive mail, a sign-in link is on its way.',
  expiresInMinutes: MAGIC_LINK_TTL_MINUTES,
};

@ApiTags('auth')
@Controller('v1')
export class AuthController {
  constructor(
    private readonly magicLinks: MagicLinksService,
    private readonly sessions: SessionsService,
    private readonly membership: MembershipService,
    private readonly cookies: SessionCookies,
  ) {}

  @Post('auth/magic-links')
  @Public()
  @HttpCode(202)
  @Endpoint({
    summary: 'Email a sign-in link',
    description: 'Answers the same whether or not the address has an account. The link is valid 20 minutes, once. Limits: 5 an hour per address, 20 per IP.',
    response: { status: 202, type: MagicLinkAcceptedDto },
    errors: [ValidationFailed, { error: RateLimited, note: 'with Retry-After' }, { error: RateLimitsUnavailable, note: 'with Retry-After: no link is sent while the limits cannot be checked' }, MailUnavailable],
  })
  async requestMagicLink(@Body() body: MagicLinkRequestDto, @Req() request: FastifyRequest): Promise<MagicLinkAcceptedDto> {
    await this.magicLinks.request(body.email, body.redirectTo, request.ip);
    return MAGIC_LINK_ACCEPTED;
  }

  @Post('auth/sessions')
  @Public()
  @HttpCode(201)
  @Endpoint({
    summary: 'Exchange a sign-in link for a session',
    description: 'Sets the httpOnly `beaker_session` cookie and the readable `beaker_csrf` cookie. Creates the account at first sign-in.',
    response: { status: 201, type: SessionResponseDto },
    errors: [ValidationFailed, { error: TokenInvalid, note: 'unknown or used' }, TokenExpired, AccountSuspended, { error: RateLimited, note: 'with Retry-After' }],
  })
  async createSession(
    @Body() body: SessionRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponseDto> {
    const { user, session } = await this.magicLinks.exchange(body.token, { ip: request.ip, userAgent: request.headers['user-agent'] });
    this.cookies.issue(reply, session.token, session.id, session.expiresAt);
    return { user: await this.me(user) };
  }

  @Delete('auth/sessions/current')
  @TrialSessionAllowed()
  @HttpCode(204)
  @ApiCookieAuth('session')
  @ApiCsrfHeader()
  @Endpoint({
    summary: 'Sign out: revoke this session and clear its cookies',
    response: { status: 204, description: 'Signed out' },
    errors: [Unauthenticated, CsrfRejected, { error: Forbidden, note: 'for an API key' }],
  })
  async signOut(@CurrentActor() actor: UserActor, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.sessions.revoke(actor.sessionId);
    this.cookies.clear(reply);
  }

  @Get('auth/session')
  @Public()
  @Endpoint({
    summary: 'Who is signed in, if anyone',
    description:
      "The web app's session probe: 200 with the signed-in user (as GET /v1/me answers it), or with `user: null` when the request has no valid session cookie, so a signed-out page makes no failing request. Integrators use GET /v1/me.",
    response: { status: 200, type: CurrentSessionResponseDto },
  })
  async currentSession(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<CurrentSessionResponseDto> {
    const token = request.cookies?.[SESSION_COOKIE];
    const session = token ? await this.sessions.authenticate(token) : null;
    if (!token || !session) return { user: null };
    // As the guard does for GET /v1/me: a slid expiry goes back in the cookies, and a lost CSRF cookie is issued again.
    if (session.refreshed) this.cookies.issue(reply, token, session.actor.sessionId, session.expiresAt);
    else if (!request.cookies?.[CSRF_COOKIE]) this.cookies.issueCsrf(reply, session.actor.sessionId);
    return { user: await this.me(session.actor.user, session.actor.trialId ?? null) };
  }

  @Get('me')
  @TrialSessionAllowed()
  @ApiCookieAuth('session')
  @Endpoint({
    summary: 'The signed-in user and the businesses they belong to',
    response: { status: 200, type: MeResponseDto },
    errors: [Unauthenticated, AccountSuspended, { error: Forbidden, note: 'for an API key' }],
  })
  async getMe(
    @CurrentActor() actor: UserActor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeResponseDto> {
    // A browser that lost its CSRF cookie gets it back here (the token is derived, not stored).
    if (!request.cookies?.[CSRF_COOKIE]) {
      this.cookies.issueCsrf(reply, actor.sessionId);
    }
    return this.me(actor.user, actor.trialId ?? null);
  }

  private async me(user: User, trialSessionFor: string | null = null): Promise<MeResponseDto> {
    // A trial session names its trial and nothing of the account (the email is not proven yet).
    if (trialSessionFor) return { id: user.id, email: user.email, role: user.role, businesses: [], trialSessionFor };
    return { id: user.id, email: user.email, role: user.role, businesses: await this.membership.rolesFor(user.id), trialSessionFor: null };
  }
}
