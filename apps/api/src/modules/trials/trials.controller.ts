import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Forbidden, InvalidCursor, NotFound, RateLimited, RateLimitsUnavailable, Unauthenticated, ValidationFailed } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { PageQueryDto } from '../../common/http/pagination';
import { IdempotencyKeyInvalid, IdempotencyKeyReused } from '../../common/idempotency/idempotency.errors';
import { TransientProviderError } from '../../integrations/providers.errors';
import { CsrfRejected, CurrentActor, CurrentUser, Public, SessionCookies, TrialSessionAllowed, type User, type UserActor } from '../auth';
import { CallReportDto } from '../calls';
import { ComplianceUnavailable } from '../compliance';
import { ConfirmVerificationDto, CreateTrialDto, PlaceTrialCallDto, StartTrialDto, TrialPageDto, TrialResponseDto, VerificationSentDto, VerificationStateDto } from './dto/trial.dto';
import { TrialStartService } from './trial-start.service';
import { PhoneVerificationService } from './phone-verification.service';
import { TrialCallsService } from './trial-calls.service';
import {
  CallDeferred,
  CallInProgress,
  CallLimitReached,
  CodeExpired,
  CodeInvalid,
  DisposableEmailRefused,
  InvalidTrialPhone,
  NoCodeSent,
  NumberBlocked,
  PhoneAlreadyVerified,
  PhoneNotVerified,
  PhoneTrialLimit,
  ResendTooSoon,
  TrialConverted,
  TrialExpired,
  TrialsBlocked,
  UserTrialLimit,
  VerificationLocked,
} from './trials.errors';
import { ClientInfo, TrialsService } from './trials.service';

const header = (v: string | string[] | undefined): string | null => (Array.isArray(v) ? v[0] : v) ?? null;
const clientOf = (request: FastifyRequest): ClientInfo => ({
  ip: request.ip ?? null,
  userAgent: header(request.headers['user-agent']),
  pageUrl: header(request.headers.referer),
});

@ApiTags('trials')
@ApiCookieAuth('session')
@ApiHeader({ name: 'X-CSRF-Token', required: false, description: 'On POST: the value of the beaker_csrf cookie' })
@EndpointErrors([Unauthenticated, CsrfRejected, { error: Forbidden, note: 'for API keys: trials are for people' }])
@Controller('v1/trials')
export class TrialsController {
  constructor(
    private readonly trials: TrialsService,
    private readonly verification: PhoneVerificationService,
    private readonly trialCalls: TrialCallsService,
    private readonly starts: TrialStartService,
    private readonly cookies: SessionCookies,
  ) {}

  @Post('start')
  @Public()
  @HttpCode(201)
  @Endpoint({
    summary: 'Start a trial from the landing page, without signing in first',
    description:
      'Finds or creates the person by email, creates the trial like POST /v1/trials (same limits and refusals) and opens a trial session ' +
      '(`beaker_session` and `beaker_csrf` cookies) that reaches this trial and its calls only; other routes answer it 403 AUTH.EMAIL_NOT_VERIFIED. ' +
      'A sign-in link is emailed: opening it gives a full session (needed to pay, or to read the report on another device).',
    response: { status: 201, type: TrialResponseDto },
    errors: [
      ValidationFailed,
      InvalidTrialPhone,
      DisposableEmailRefused,
      { error: TrialsBlocked, note: 'the phone number or email domain is blocked by staff' },
      UserTrialLimit,
      PhoneTrialLimit,
      { error: RateLimited, note: 'per IP, with Retry-After' },
      { error: RateLimitsUnavailable, note: 'the per-IP limit cannot be checked; with Retry-After' },
    ],
  })
  async start(@Body() body: StartTrialDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<TrialResponseDto> {
    const { trial, session } = await this.starts.start(body, clientOf(request));
    this.cookies.issue(reply, session.token, session.id, session.expiresAt);
    return trial;
  }

  @Post()
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string up to 255 characters: a retry with the same key and body answers the same trial for 24 hours' })
  @Endpoint({
    summary: 'Start a trial',
    description:
      'A pending trial with 3 calls for 48 hours. The phone is parsed to E.164 (US and Canada only). Limits: 3 trials per person, ' +
      '2 trials per phone number in 30 days (across people), 10 an hour per IP; throwaway email domains are refused.',
    response: { status: 201, type: TrialResponseDto },
    errors: [
      ValidationFailed,
      InvalidTrialPhone,
      DisposableEmailRefused,
      { error: TrialsBlocked, note: 'the phone number or email domain is blocked by staff' },
      UserTrialLimit,
      PhoneTrialLimit,
      { error: RateLimited, note: 'per IP, with Retry-After' },
      { error: RateLimitsUnavailable, note: 'the per-IP limit cannot be checked; with Retry-After' },
      IdempotencyKeyInvalid,
      { error: IdempotencyKeyReused, note: 'the same key with a different body' },
    ],
  })
  async create(
    @CurrentUser() user: User,
    @Body() body: CreateTrialDto,
    @Req() request: FastifyRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TrialResponseDto> {
    const { trial, replayed } = await this.trials.createIdempotently(user, body, clientOf(request), idempotencyKey);
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return trial;
  }

  @Get()
  @TrialSessionAllowed()
  @Endpoint({ summary: 'My trials, newest first', response: { status: 200, type: TrialPageDto }, errors: [ValidationFailed, InvalidCursor] })
  list(@CurrentActor() actor: UserActor, @Query() query: PageQueryDto): Promise<TrialPageDto> {
    // A trial session sees its own trial only.
    if (actor.trialId) return this.trials.get(actor.user.id, actor.trialId).then((trial) => ({ items: [trial], nextCursor: null }));
    return this.trials.list(actor.user.id, query);
  }

  @Get(':id')
  @TrialSessionAllowed('id')
  @Endpoint({ summary: 'One of my trials', response: { status: 200, type: TrialResponseDto }, errors: [{ error: NotFound, note: 'no such trial, or not yours' }] })
  get(@CurrentUser() user: User, @Param('id') id: string): Promise<TrialResponseDto> {
    return this.trials.get(user.id, id);
  }

  @Get(':id/verification')
  @TrialSessionAllowed('id')
  @Endpoint({
    summary: 'Where phone verification stands (sends nothing)',
    description: 'The pending code (when it was sent, until when it works), when another may be asked for, tries left, and the lock of 5 wrong codes.',
    response: { status: 200, type: VerificationStateDto },
    errors: [{ error: NotFound, note: 'no such trial, or not yours' }],
  })
  verificationState(@CurrentUser() user: User, @Param('id') id: string): Promise<VerificationStateDto> {
    return this.verification.state(user.id, id);
  }

  @Post(':id/verification')
  @TrialSessionAllowed('id')
  @HttpCode(202)
  @Endpoint({
    summary: 'Text a verification code to the trial phone',
    description: 'A 6-digit code, valid 10 minutes. Another code may be asked for 30 s after the previous one; 10 texts a day per number.',
    response: { status: 202, type: VerificationSentDto },
    errors: [
      NotFound,
      PhoneAlreadyVerified,
      TrialExpired,
      TrialConverted,
      { error: ResendTooSoon, note: 'with retryAfterSeconds' },
      { error: VerificationLocked, note: 'with retryAfterSeconds' },
      { error: RateLimited, note: 'texts per number' },
      { error: RateLimitsUnavailable, note: 'the texts-per-number limit cannot be checked; with Retry-After' },
      { error: TransientProviderError, note: 'the SMS provider is down' },
    ],
  })
  sendCode(@CurrentUser() user: User, @Param('id') id: string, @Req() request: FastifyRequest): Promise<VerificationSentDto> {
    return this.verification.send(user.id, id, clientOf(request));
  }

  @Post(':id/verification/confirm')
  @TrialSessionAllowed('id')
  @HttpCode(200)
  @Endpoint({
    summary: 'Confirm the code: the phone is verified, the agent created, the trial active',
    description: '5 tries per code; the 5th wrong one locks verification for an hour.',
    response: { status: 200, type: TrialResponseDto },
    errors: [
      ValidationFailed,
      { error: CodeInvalid, note: 'with attemptsLeft' },
      CodeExpired,
      NotFound,
      NoCodeSent,
      PhoneAlreadyVerified,
      TrialExpired,
      TrialConverted,
      { error: VerificationLocked, note: 'with retryAfterSeconds' },
      { error: TransientProviderError, note: 'the agent could not be created; confirm again' },
    ],
  })
  confirmCode(@CurrentUser() user: User, @Param('id') id: string, @Body() body: ConfirmVerificationDto, @Req() request: FastifyRequest): Promise<TrialResponseDto> {
    return this.verification.confirm(user.id, id, body.code, clientOf(request));
  }

  @Post(':id/calls')
  @TrialSessionAllowed('id')
  @HttpCode(202)
  @Endpoint({
    summary: '"Call me now": the agent calls the verified phone',
    description:
      'Places an outbound_trial call and answers with it (status initiated); follow it with GET /v1/calls/:id/events. The click is ' +
      'recorded as the consent for this call (verbal_trial, with IP and user agent); do-not-call lists and velocity caps are checked first. ' +
      'A call the provider could not take is marked failed and does not count.',
    response: { status: 202, type: CallReportDto },
    errors: [
      { error: ValidationFailed, note: 'consentFrom not start_form or call_me_now' },
      NotFound,
      { error: NumberBlocked, note: 'do-not-call' },
      PhoneNotVerified,
      TrialExpired,
      TrialConverted,
      CallLimitReached,
      CallInProgress,
      { error: CallDeferred, note: 'a velocity cap; retryAfterSeconds' },
      { error: TransientProviderError, note: 'the call was not placed and not counted' },
      { error: ComplianceUnavailable, note: 'the call was not placed and not counted' },
    ],
  })
  placeCall(@CurrentUser() user: User, @Param('id') id: string, @Body() body: PlaceTrialCallDto, @Req() request: FastifyRequest): Promise<CallReportDto> {
    return this.trialCalls.placeTrialCall(user.id, id, clientOf(request), body?.consentFrom ?? 'call_me_now');
  }
}
