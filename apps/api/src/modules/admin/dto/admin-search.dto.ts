import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ADMIN_SEARCH_KINDS, type AdminSearchHit, type AdminSearchKind, type Page } from '@beaker/contracts';
import { Trim, TypeOf } from '../../../common/http/dto-transforms';
import { MAX_SEARCH_PAGE, MAX_SEARCH_RESULTS } from '../admin-search.service';

export class AdminSearchQueryDto {
  @ApiProperty({
    example: '(773) 555-0100',
    minLength: 2,
    maxLength: 200,
    description:
      'An email (or its start, or a part of it), a business name, an id of anything, a Stripe customer or subscription id, a Vapi call id, a Twilio call sid, a provider event id, or a phone number as people type it',
  })
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  q: string;

  @ApiPropertyOptional({ description: "Opaque cursor from the previous page's nextCursor" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SEARCH_PAGE, default: 20 })
  @IsOptional()
  @TypeOf(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SEARCH_PAGE)
  limit?: number;
}

export class AdminSearchHitDto implements AdminSearchHit {
  @ApiProperty({ enum: ADMIN_SEARCH_KINDS })
  kind: AdminSearchKind;

  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'owner@example.com' })
  title: string;

  @ApiProperty({ example: 'user · joined 2026-11-02' })
  subtitle: string;

  @ApiProperty({ example: '/admin/users/5f0c7a2e-1b2c-4d3e-8f9a-0b1c2d3e4f5a', description: "The thing's page in the web app" })
  url: string;

  @ApiPropertyOptional({ example: '/admin/businesses/5f0c7a2e-1b2c-4d3e-8f9a-0b1c2d3e4f5a', description: 'The page of the business the thing belongs to (phone numbers)' })
  businessUrl?: string;
}

export class AdminSearchPageDto implements Page<AdminSearchHit> {
  @ApiProperty({ type: [AdminSearchHitDto], description: `Best match first (the whole key, then the start of a name or email, then a part of it); at most ${MAX_SEARCH_RESULTS} in all` })
  items: AdminSearchHitDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
