import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, MaxLength } from 'class-validator';
import type { Page, SandboxEmail } from '@beaker/contracts';
import { PageQueryDto } from '../../../../common/http/pagination';

export class SandboxEmailQueryDto extends PageQueryDto {
  @ApiProperty({ example: 'owner@example.com', description: 'The recipient (normalized: trimmed, lower-cased)' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
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

  @ApiProperty({ format: 'date-time' })
  sentAt: string;
}

export class SandboxEmailPageDto implements Page<SandboxEmail> {
  @ApiProperty({ type: [SandboxEmailDto] })
  items: SandboxEmailDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
