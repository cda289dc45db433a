import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';
import {
  MEMBER_ROLES,
  USER_ROLES,
  type MagicLinkAccepted,
  type MagicLinkRequest,
  type MemberRole,
  type MembershipSummary,
  type MeResponse,
  type SessionRequest,
  type CurrentSessionResponse,
  type SessionResponse,
  type UserRole,
} from '@beaker/contracts';
import { TransformString } from '../../../common/http/dto-transforms';
import { isSafeRedirectPath, normalizeEmail } from '../sign-in-rules';

export class MagicLinkRequestDto implements MagicLinkRequest {
  @ApiProperty({ example: 'owner@example.com', description: 'Trimmed and lower-cased before use' })
  @TransformString(normalizeEmail)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: '/trial/new', description: 'A path inside the app to land on after sign-in' })
  @IsOptional()
  @ValidateBy({
    name: 'isSafeRedirectPath',
    validator: { validate: isSafeRedirectPath, defaultMessage: () => 'redirectTo must be a path inside the app, starting with a single /' },
  })
  redirectTo?: string;
}

export class MagicLinkAcceptedDto implements MagicLinkAccepted {
  @ApiProperty({ example: 'Check your email: if the address can receive mail, a sign-in link is on its way.' })
  message: string;

  @ApiProperty({ example: 20 })
  expiresInMinutes: number;
}

export class SessionRequestDto implements SessionRequest {
  @ApiProperty({ description: 'The token of the sign-in link (`/auth/verify?token=…`)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;
}

export class MembershipSummaryDto implements MembershipSummary {
  @ApiProperty({ format: 'uuid', description: 'The business id' })
  id: string;

  @ApiProperty({ example: 'Cool Air HVAC' })
  name: string;

  @ApiProperty({ enum: MEMBER_ROLES })
  role: MemberRole;
}

export class MeResponseDto implements MeResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'owner@example.com' })
  email: string;

  @ApiProperty({ enum: USER_ROLES })
  role: UserRole;

  @ApiProperty({ type: [MembershipSummaryDto] })
  businesses: MembershipSummaryDto[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'A trial session (email not yet proven): the one trial it reaches' })
  trialSessionFor: string | null;
}

export class CurrentSessionResponseDto implements CurrentSessionResponse {
  @ApiProperty({ type: MeResponseDto, nullable: true, description: 'null when no valid session cookie came with the request' })
  user: MeResponseDto | null;
}

export class SessionResponseDto implements SessionResponse {
  @ApiProperty({ type: MeResponseDto })
  user: MeResponseDto;
}
