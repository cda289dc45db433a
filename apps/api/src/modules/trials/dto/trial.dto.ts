import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  INDUSTRIES,
  SCENARIOS,
  TRIAL_STATUSES,
  type ConfirmVerificationRequest,
  type CreateTrialRequest,
  type PlaceTrialCallRequest,
  type StartTrialRequest,
  type Industry,
  type Scenario,
  type TrialAssistantSummary,
  type TrialResponse,
  type TrialStatus,
  type VerificationSent,
  type VerificationState,
} from '@beaker/contracts';
import { TransformString, Trim } from '../../../common/http/dto-transforms';
import { normalizeEmail } from '../../auth';

export class CreateTrialDto implements CreateTrialRequest {
  @ApiProperty({ enum: INDUSTRIES })
  @IsIn(INDUSTRIES, { message: `industry must be one of ${INDUSTRIES.join(', ')}` })
  industry: Industry;

  @ApiProperty({ example: 'Northside Heating & Air', maxLength: 80 })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'businessName must not be empty' })
  @MaxLength(80)
  businessName: string;

  @ApiProperty({ enum: SCENARIOS })
  @IsIn(SCENARIOS, { message: `scenario must be one of ${SCENARIOS.join(', ')}` })
  scenario: Scenario;

  @ApiProperty({ example: '(415) 555-0123', description: 'A US or Canadian number in any usual format; stored as E.164' })
  @IsString()
  @MaxLength(32)
  phone: string;
}

export class StartTrialDto implements StartTrialRequest {
  @ApiProperty({ enum: INDUSTRIES })
  @IsIn(INDUSTRIES, { message: `industry must be one of ${INDUSTRIES.join(', ')}` })
  industry: Industry;

  @ApiProperty({ example: 'Northside Heating & Air', maxLength: 80 })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'businessName must not be empty' })
  @MaxLength(80)
  businessName: string;

  @ApiProperty({ enum: SCENARIOS, required: false, description: 'Defaults to lead_intake' })
  @IsOptional()
  @IsIn(SCENARIOS, { message: `scenario must be one of ${SCENARIOS.join(', ')}` })
  scenario?: Scenario;

  @ApiProperty({ example: '(415) 555-0123', description: 'A US or Canadian number in any usual format; stored as E.164' })
  @IsString()
  @MaxLength(32)
  phone: string;

  @ApiProperty({ example: 'owner@example.com', description: 'Trimmed and lower-cased; a sign-in link goes there' })
  @TransformString(normalizeEmail)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;
}

export class PlaceTrialCallDto implements PlaceTrialCallRequest {
  @ApiProperty({ enum: ['start_form', 'call_me_now'], required: false, description: 'The button that gave the consent; default call_me_now' })
  @IsOptional()
  @IsIn(['start_form', 'call_me_now'], { message: 'consentFrom must be start_form or call_me_now' })
  consentFrom?: 'start_form' | 'call_me_now';
}

export class ConfirmVerificationDto implements ConfirmVerificationRequest {
  @ApiProperty({ example: '123456', description: 'The 6 digits from the SMS' })
  @Trim()
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits from the text message' })
  code: string;
}

export class TrialAssistantDto implements TrialAssistantSummary {
  @ApiProperty({ example: 'Max' })
  name: string;

  @ApiProperty({ example: 'Hi, this is Max, the AI voice assistant for Northside Heating & Air, calling with the demo you asked for. …' })
  greeting: string;
}

export class TrialResponseDto implements TrialResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: TRIAL_STATUSES, description: 'expired as soon as expiresAt has passed' })
  status: TrialStatus;

  @ApiProperty({ enum: INDUSTRIES })
  industry: Industry;

  @ApiProperty({ example: 'Northside Heating & Air' })
  businessName: string;

  @ApiProperty({ enum: SCENARIOS })
  scenario: Scenario;

  @ApiProperty({ example: '+14155550123', description: 'E.164' })
  phone: string;

  @ApiProperty()
  phoneVerified: boolean;

  @ApiProperty({ example: 0 })
  callsUsed: number;

  @ApiProperty({ example: 3 })
  callsLimit: number;

  @ApiProperty({ format: 'date-time', description: '48 hours after creation' })
  expiresAt: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: TrialAssistantDto, nullable: true, description: 'The agent, once the phone is verified' })
  assistant: TrialAssistantDto | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The most recent call of the trial' })
  latestCallId: string | null;
}

export class TrialPageDto {
  @ApiProperty({ type: [TrialResponseDto] })
  items: TrialResponseDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class VerificationSentDto implements VerificationSent {
  @ApiProperty({ example: '+14155550123' })
  sentTo: string;

  @ApiProperty({ format: 'date-time', description: 'The code is valid until then (10 minutes)' })
  expiresAt: string;

  @ApiProperty({ format: 'date-time', description: 'Another code may be asked for from then (30 s)' })
  resendAvailableAt: string;

  @ApiProperty({ example: 5 })
  attemptsLeft: number;
}

export class VerificationStateDto implements VerificationState {
  @ApiProperty({ example: '+14155550123' })
  sentTo: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The latest code still pending; null when none was sent, or it was used' })
  codeSentAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When another code may be asked for; null: now' })
  resendAvailableAt: string | null;

  @ApiProperty({ example: 5 })
  attemptsLeft: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Locked by 5 wrong codes until then; null when not locked' })
  lockedUntil: string | null;
}
