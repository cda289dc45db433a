import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { USER_ROLES, type AdminUserSummary, type Page, type SuspendUserRequest, type UserRole, type UserSuspension } from '@beaker/contracts';
import { Trim } from '../../../common/http/dto-transforms';
import { PageQueryDto } from '../../../common/http/pagination';

export class AdminUserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'example.com', description: 'Part of the email address, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  query?: string;
}

export class AdminUserSummaryDto implements AdminUserSummary {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'owner@example.com' })
  email: string;

  @ApiProperty({ enum: USER_ROLES })
  role: UserRole;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastSignInAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  suspendedAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  suspensionReason: string | null;
}

export class AdminUserPageDto implements Page<AdminUserSummary> {
  @ApiProperty({ type: [AdminUserSummaryDto] })
  items: AdminUserSummaryDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class SuspensionRequestDto implements SuspendUserRequest {
  @ApiProperty({ example: 'Trial farming with throwaway numbers', maxLength: 500, description: 'Required; kept in the audit log. On a suspension the user sees it when they try to sign in.' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class UserSuspensionDto implements UserSuspension {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty({ example: 'owner@example.com' })
  email: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  suspendedAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  suspensionReason: string | null;

  @ApiProperty({ example: 2, description: 'Sessions signed out by this action (a suspension signs the user out everywhere)' })
  sessionsRevoked: number;
}
