import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import {
  BUSINESS_STATUSES,
  COST_GROUPINGS,
  PLANS,
  type AdminBusinessMargin,
  type AdminCostReport,
  type AdminMarginSummary,
  type BusinessStatus,
  type CostGrouping,
  type Plan,
  type ProviderCostRow,
} from '@beaker/contracts';
import { PageQueryDto } from '../../../common/http/pagination';

export class AdminCostsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Start of the period (inclusive); default 30 days before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'End of the period (exclusive); default now. At most 366 days after `from`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: COST_GROUPINGS, default: 'business', description: 'provider: per provider per UTC day; business: revenue, costs and margin per business, least profitable first' })
  @IsOptional()
  @IsIn(COST_GROUPINGS)
  groupBy?: CostGrouping;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: 'csv: the whole report (every row of the period) as text/csv' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class ProviderCostRowDto implements ProviderCostRow {
  @ApiProperty({ example: '2026-12-01', description: 'UTC day' })
  day: string;

  @ApiProperty({ example: 'twilio', description: 'A key of the calls\' cost breakdown (twilio, llm, stt, tts, vapi…), `unattributed` for a total without one' })
  provider: string;

  @ApiProperty({ description: 'Calls with a cost from this provider that day' })
  calls: number;

  @ApiProperty({ example: 1.2345, description: 'US dollars' })
  costUsd: number;
}

export class AdminBusinessMarginDto implements AdminBusinessMargin {
  @ApiProperty({ format: 'uuid' })
  businessId: string;

  @ApiProperty()
  businessName: string;

  @ApiProperty({ enum: PLANS })
  plan: Plan;

  @ApiProperty({ enum: BUSINESS_STATUSES })
  status: BusinessStatus;

  @ApiProperty({ description: 'Paid invoices in the period' })
  invoices: number;

  @ApiProperty({ example: 99, description: 'US dollars paid in the period (paid Stripe invoices)' })
  revenueUsd: number;

  @ApiProperty({ description: 'Calls of the business in the period' })
  calls: number;

  @ApiProperty({ example: 12.5, description: 'US dollars those calls cost' })
  costUsd: number;

  @ApiProperty({ example: 86.5, description: 'revenueUsd − costUsd' })
  marginUsd: number;
}

export class AdminMarginSummaryDto implements AdminMarginSummary {
  @ApiProperty({ format: 'date-time' })
  from: string;

  @ApiProperty({ format: 'date-time' })
  to: string;

  @ApiProperty()
  invoices: number;

  @ApiProperty({ description: 'US dollars' })
  revenueUsd: number;

  @ApiProperty()
  calls: number;

  @ApiProperty({ description: 'US dollars' })
  costUsd: number;

  @ApiProperty({ description: 'US dollars' })
  marginUsd: number;
}

export class CostTotalsDto {
  @ApiProperty({ description: 'Calls in the period (groupBy=provider: every call, trials included; business: the businesses\' calls)' })
  calls: number;

  @ApiProperty({ description: 'US dollars' })
  costUsd: number;

  @ApiProperty({ type: Number, nullable: true, description: 'US dollars (groupBy=business)' })
  revenueUsd: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'US dollars (groupBy=business)' })
  marginUsd: number | null;
}

@ApiExtraModels(ProviderCostRowDto, AdminBusinessMarginDto)
export class AdminCostReportDto implements AdminCostReport<ProviderCostRow | AdminBusinessMargin> {
  @ApiProperty({ enum: COST_GROUPINGS })
  groupBy: CostGrouping;

  @ApiProperty({ format: 'date-time' })
  from: string;

  @ApiProperty({ format: 'date-time' })
  to: string;

  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(ProviderCostRowDto) }, { $ref: getSchemaPath(AdminBusinessMarginDto) }] },
    description: 'groupBy=provider: ProviderCostRow, by day then provider; groupBy=business: AdminBusinessMargin, least profitable first',
  })
  items: (ProviderCostRowDto | AdminBusinessMarginDto)[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;

  @ApiProperty({ type: CostTotalsDto })
  totals: CostTotalsDto;
}
