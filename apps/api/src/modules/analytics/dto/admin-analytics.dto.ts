import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  FUNNEL_GROUP_BYS,
  FUNNEL_STEPS,
  MRR_INTERVALS,
  type AdminFunnelReport,
  type AdminMrrReport,
  type FunnelGroupBy,
  type FunnelRow,
  type FunnelStep,
  type FunnelStepFigure,
  type MrrInterval,
  type MrrPeriod,
} from '@beaker/contracts';
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

export class AdminFunnelQueryDto {
  @ApiPropertyOptional({ example: '2026-09-14', description: 'The first signup day (UTC), YYYY-MM-DD; default the Monday eleven weeks before the week of to' })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-06', description: 'The last signup day (UTC), included; default today; at most 366 days after from' })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;

  @ApiPropertyOptional({ enum: FUNNEL_GROUP_BYS, default: 'week', description: "A row per ISO week of signup (its Monday), or per industry of the person's first trial (`none`: no trial)" })
  @IsOptional()
  @IsIn(FUNNEL_GROUP_BYS)
  groupBy?: FunnelGroupBy;
}

export class FunnelStepFigureDto implements FunnelStepFigure {
  @ApiProperty({ enum: FUNNEL_STEPS }) step: FunnelStep;
  @ApiProperty({ description: 'People of the group who reached this step and every step before it' }) count: number;
  @ApiProperty({ type: Number, nullable: true, description: "count / the previous step's count, 0..1 (null: first step, or nobody at the previous one)" }) fromPrevious: number | null;
  @ApiProperty({ type: Number, nullable: true, description: "count / the group's signups, 0..1 (null: no signups)" }) overall: number | null;
}

export class FunnelRowDto implements FunnelRow {
  @ApiProperty({ example: '2026-11-30', description: "The week's Monday, the industry (none: never started a trial), or total" }) group: string;
  @ApiProperty({ type: [FunnelStepFigureDto], description: 'Every step, in order' }) steps: FunnelStepFigureDto[];
}

export class AdminFunnelDto implements AdminFunnelReport {
  @ApiProperty({ example: '2026-09-14' }) from: string;
  @ApiProperty({ example: '2026-12-06' }) to: string;
  @ApiProperty({ enum: FUNNEL_GROUP_BYS }) groupBy: FunnelGroupBy;
  @ApiProperty({ type: [FunnelRowDto] }) rows: FunnelRowDto[];
  @ApiProperty({ type: FunnelRowDto, description: 'The whole range together' }) total: FunnelRowDto;
}
