import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, MaxLength } from 'class-validator';
import type { Page, SandboxEmail } from '@beaker/contracts';
import { TransformString } from '../../../../common/http/dto-transforms';
import { PageQueryDto } from '../../../../common/http/pagination';

export class SandboxEmailQueryDto extends PageQueryDto {
  @ApiProperty({ example: 'owner@example.com', description: 'The recipient (normalized: trimmed, lower-cased)' })
  @TransformString((value) => value.trim().toLowerCase())
  @IsEmail()
  @MaxLength(254)
  to: string;
}

export class SandboxEmailDto implements SandboxEmail {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'owner@example.com' })
  to: string;

  @ApiProperty({ example: 'Your Beaker sign-in link' })
  subject: string;

  @ApiProperty()
  text: string;

  @ApiProperty()
  html: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { 'List-Unsubscribe': '<https://app.example/v1/weekly-report/unsubscribe?token=…>' } })
  headers?: Record<string, string>;

  @ApiProperty({ format: 'date-time' })
  sentAt: string;
}

export class SandboxEmailPageDto implements Page<SandboxEmail> {
  @ApiProperty({ type: [SandboxEmailDto] })
  items: SandboxEmailDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
