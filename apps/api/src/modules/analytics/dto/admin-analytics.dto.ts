import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MRR_INTERVALS, type AdminMrrReport, type MrrInterval, type MrrPeriod } from '@beaker/contracts';
import { IsIn, IsOptional, Matches } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class AdminMrrQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'The first day (UTC), YYYY-MM-DD; default the first day of the month eleven months before to' })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'The last day (UTC), included; default today' })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;

  @ApiPropertyOptional({ enum: MRR_INTERVALS, default: 'month', description: 'A point per calendar month (at most 120) or per day (at most 366)' })
  @IsOptional()
  @IsIn(MRR_INTERVALS)
  interval?: MrrInterval;
}

export class MrrPeriodDto implements MrrPeriod {
  @ApiProperty({ example: '2026-01-01', description: 'The first day of the month (or the day), UTC' }) start: string;
  @ApiProperty({ description: 'MRR when the period starts, cents' }) startingMrrCents: number;
  @ApiProperty({ description: 'Customers paying for the first time' }) newCents: number;
  @ApiProperty({ description: 'Paying customers paying more (upgrades)' }) expansionCents: number;
  @ApiProperty({ description: 'Paying customers paying less (downgrades), negative' }) contractionCents: number;
  @ApiProperty({ description: 'Customers who stopped paying (cancellations), negative' }) churnCents: number;
  @ApiProperty({ description: 'Customers paying again after they had churned' }) reactivationCents: number;
  @ApiProperty({ description: 'MRR when the period ends, cents: starting + the movements' }) endingMrrCents: number;
}

export class AdminMrrDto implements AdminMrrReport {
  @ApiProperty({ example: '2026-01-01' }) from: string;
  @ApiProperty({ example: '2026-12-31' }) to: string;
  @ApiProperty({ enum: MRR_INTERVALS }) interval: MrrInterval;
  @ApiProperty({ example: 'usd' }) currency: string;
  @ApiProperty({ type: [MrrPeriodDto] }) periods: MrrPeriodDto[];
}
