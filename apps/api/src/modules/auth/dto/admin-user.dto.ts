import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { USER_ROLES, type AdminUserSummary, type Page, type UserRole } from '@beaker/contracts';
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
}

export class AdminUserPageDto implements Page<AdminUserSummary> {
  @ApiProperty({ type: [AdminUserSummaryDto] })
  items: AdminUserSummaryDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
