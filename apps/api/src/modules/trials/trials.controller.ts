import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ProblemResponse } from '../../common/http/openapi';
import { PageQueryDto } from '../../common/http/pagination';
import { CurrentUser, type User } from '../auth';
import { CallReportDto } from '../calls';
import { ConfirmVerificationDto, CreateTrialDto, TrialPageDto, TrialResponseDto, VerificationSentDto } from './dto/trial.dto';
import { PhoneVerificationService } from './phone-verification.service';
import { TrialCallsService } from './trial-calls.service';
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
@ApiUnauthorizedResponse({ type: ProblemResponse, description: 'AUTH.UNAUTHENTICATED' })
@ApiForbiddenResponse({ type: ProblemResponse, description: 'AUTH.CSRF; AUTH.FORBIDDEN for API keys (trials are for people)' })
@Controller('v1/trials')
export class TrialsController {
  constructor(
    private readonly trials: TrialsService,
    private readonly verification: PhoneVerificationService,
    private readonly trialCalls: TrialCallsService,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Start a trial',
    description:
      'A pending trial with 3 calls for 48 hours. The phone is parsed to E.164 (US and Canada only). Limits: 3 trials per person, ' +
      '2 trials per phone number in 30 days (across people), 10 an hour per IP; throwaway email domains are refused.',
  })
  @ApiCreatedResponse({ type: TrialResponseDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED, TRIALS.INVALID_PHONE' })
  @ApiForbiddenResponse({ type: ProblemResponse, description: 'TRIALS.DISPOSABLE_EMAIL' })
  @ApiConflictResponse({ type: ProblemResponse, description: 'TRIALS.USER_LIMIT, TRIALS.PHONE_LIMIT' })
  @ApiTooManyRequestsResponse({ type: ProblemResponse, description: 'RATE_LIMITED (per IP), with Retry-After' })
  create(@CurrentUser() user: User, @Body() body: CreateTrialDto, @Req() request: FastifyRequest): Promise<TrialResponseDto> {
    return this.trials.create(user, body, clientOf(request));
  }

  @Get()
  @ApiOperation({ summary: 'My trials, newest first' })
  @ApiOkResponse({ type: TrialPageDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED, PAGINATION.INVALID_CURSOR' })
  list(@CurrentUser() user: User, @Query() query: PageQueryDto): Promise<TrialPageDto> {
    return this.trials.list(user.id, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of my trials' })
  @ApiOkResponse({ type: TrialResponseDto })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'NOT_FOUND: no such trial, or not yours' })
  get(@CurrentUser() user: User, @Param('id') id: string): Promise<TrialResponseDto> {
    return this.trials.get(user.id, id);
  }

  @Post(':id/verification')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Text a verification code to the trial phone',
    description: 'A 6-digit code, valid 10 minutes. Another code may be asked for 30 s after the previous one; 10 texts a day per number.',
  })
  @ApiAcceptedResponse({ type: VerificationSentDto })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'NOT_FOUND' })
  @ApiConflictResponse({ type: ProblemResponse, description: 'TRIALS.ALREADY_VERIFIED, TRIALS.EXPIRED, TRIALS.CONVERTED' })
  @ApiTooManyRequestsResponse({
    type: ProblemResponse,
    description: 'TRIALS.RESEND_TOO_SOON or TRIALS.VERIFICATION_LOCKED (with retryAfterSeconds); RATE_LIMITED (texts per number)',
  })
  @ApiServiceUnavailableResponse({ type: ProblemResponse, description: 'PROVIDERS.UNAVAILABLE: the SMS provider is down' })
  sendCode(@CurrentUser() user: User, @Param('id') id: string, @Req() request: FastifyRequest): Promise<VerificationSentDto> {
    return this.verification.send(user.id, id, clientOf(request));
  }

  @Post(':id/verification/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm the code: the phone is verified, the agent created, the trial active',
    description: '5 tries per code; the 5th wrong one locks verification for an hour.',
  })
  @ApiOkResponse({ type: TrialResponseDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED; TRIALS.CODE_INVALID (with attemptsLeft); TRIALS.CODE_EXPIRED' })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'NOT_FOUND' })
  @ApiConflictResponse({ type: ProblemResponse, description: 'TRIALS.NO_CODE_SENT, TRIALS.ALREADY_VERIFIED, TRIALS.EXPIRED, TRIALS.CONVERTED' })
  @ApiTooManyRequestsResponse({ type: ProblemResponse, description: 'TRIALS.VERIFICATION_LOCKED (with retryAfterSeconds)' })
  @ApiServiceUnavailableResponse({ type: ProblemResponse, description: 'PROVIDERS.UNAVAILABLE: the agent could not be created; confirm again' })
  confirmCode(@CurrentUser() user: User, @Param('id') id: string, @Body() body: ConfirmVerificationDto, @Req() request: FastifyRequest): Promise<TrialResponseDto> {
    return this.verification.confirm(user.id, id, body.code, clientOf(request));
  }

  @Post(':id/calls')
  @HttpCode(202)
  @ApiOperation({
    summary: '"Call me now": the agent calls the verified phone',
    description:
      'Places an outbound_trial call and answers with it (status initiated); follow it with GET /v1/calls/:id/events. The click is ' +
      'recorded as the consent for this call (verbal_trial, with IP and user agent); do-not-call lists and velocity caps are checked first. ' +
      'A call the provider could not take is marked failed and does not count.',
  })
  @ApiAcceptedResponse({ type: CallReportDto })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'NOT_FOUND' })
  @ApiForbiddenResponse({ type: ProblemResponse, description: 'TRIALS.NUMBER_BLOCKED (do-not-call)' })
  @ApiConflictResponse({
    type: ProblemResponse,
    description: 'TRIALS.PHONE_NOT_VERIFIED, TRIALS.EXPIRED, TRIALS.CONVERTED, TRIALS.CALL_LIMIT_REACHED, TRIALS.CALL_IN_PROGRESS',
  })
  @ApiTooManyRequestsResponse({ type: ProblemResponse, description: 'TRIALS.CALL_DEFERRED (a velocity cap; retryAfterSeconds)' })
  @ApiServiceUnavailableResponse({ type: ProblemResponse, description: 'PROVIDERS.UNAVAILABLE: the call was not placed and not counted' })
  placeCall(@CurrentUser() user: User, @Param('id') id: string, @Req() request: FastifyRequest): Promise<CallReportDto> {
    return this.trialCalls.placeTrialCall(user.id, id, clientOf(request));
  }
}
