import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { ApiKeyCreated, ApiKeyCreateRequest, ApiKeySummary, Page } from '@beaker/contracts';
import { Trim } from '../../../common/http/dto-transforms';

export class ApiKeyCreateRequestDto implements ApiKeyCreateRequest {
  @ApiProperty({ example: 'Zapier', maxLength: 100 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;
}

export class ApiKeyCreatedDto implements ApiKeyCreated {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Zapier' })
  name: string;

  @ApiProperty({ example: 'bk_live_Ab3x' })
  prefix: string;

  @ApiProperty({ example: 'bk_live_Ab3x…', description: 'Shown this once; store it now. Send it as `Authorization: Bearer <key>`.' })
  key: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class ApiKeySummaryDto implements ApiKeySummary {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Zapier' })
  name: string;

  @ApiProperty({ example: 'bk_live_Ab3x' })
  prefix: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'To the minute' })
  lastUsedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt: string | null;
}

export class ApiKeyPageDto implements Page<ApiKeySummary> {
  @ApiProperty({ type: [ApiKeySummaryDto] })
  items: ApiKeySummaryDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
