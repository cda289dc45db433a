import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ANALYTICS_INTERVALS, type AnalyticsInterval, type AnalyticsPoint, type AnalyticsTile, type BusinessAnalytics } from '@beaker/contracts';
import { IsIn, IsOptional, Matches } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class BusinessAnalyticsQueryDto {
  @ApiProperty({ example: '2026-11-01', description: "The first local day (the business's time zone), YYYY-MM-DD" })
  @Matches(DAY, { message: 'from must be a date (YYYY-MM-DD)' })
  from: string;

  @ApiProperty({ example: '2026-11-30', description: 'The last local day, included; at most 366 days after from' })
  @Matches(DAY, { message: 'to must be a date (YYYY-MM-DD)' })
  to: string;

  @ApiPropertyOptional({ enum: ANALYTICS_INTERVALS, default: 'day', description: 'A point per day, or per week (Monday to Sunday)' })
  @IsOptional()
  @IsIn(ANALYTICS_INTERVALS)
  interval?: AnalyticsInterval;
}

export class AnalyticsTileDto implements AnalyticsTile {
  @ApiProperty({ type: Number, nullable: true }) value: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The same figure over the period of the same length just before' }) previous: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '(value − previous) / previous; null when either is null or previous is 0' }) change: number | null;
}

export class AnalyticsTilesDto {
  @ApiProperty({ type: AnalyticsTileDto, description: 'Calls, every direction' }) calls: AnalyticsTileDto;
  @ApiProperty({ type: AnalyticsTileDto, description: 'Leads captured' }) leads: AnalyticsTileDto;
  @ApiProperty({ type: AnalyticsTileDto, description: 'Answered / ended calls, 0..1' }) answeredRate: AnalyticsTileDto;
  @ApiProperty({ type: AnalyticsTileDto, description: 'Talk time in minutes' }) minutes: AnalyticsTileDto;
  @ApiProperty({ type: AnalyticsTileDto, description: "Median time from a lead's capture to its first call, in seconds" }) timeToCall: AnalyticsTileDto;
}

export class AnalyticsPointDto implements AnalyticsPoint {
  @ApiProperty({ example: '2026-11-02', description: 'The local day, or the Monday of the week' }) start: string;
  @ApiProperty() calls: number;
  @ApiProperty() inbound: number;
  @ApiProperty() outboundLead: number;
  @ApiProperty() answered: number;
  @ApiProperty() ended: number;
  @ApiProperty() minutes: number;
  @ApiProperty() leads: number;
  @ApiProperty({ type: Number, nullable: true }) timeToCallP50Seconds: number | null;
  @ApiProperty({ type: Number, nullable: true }) timeToCallP90Seconds: number | null;
}

export class BusinessAnalyticsDto implements BusinessAnalytics {
  @ApiProperty({ format: 'uuid' }) businessId: string;
  @ApiProperty({ example: 'America/Los_Angeles', description: "The zone the days are counted in (UTC when the business has none)" }) timeZone: string;
  @ApiProperty({ example: '2026-11-01' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) to: string;
  @ApiProperty({ enum: ANALYTICS_INTERVALS }) interval: AnalyticsInterval;
  @ApiProperty({ type: AnalyticsTilesDto }) tiles: AnalyticsTilesDto;
  @ApiProperty({ type: [AnalyticsPointDto] }) series: AnalyticsPointDto[];
}
