import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PLANS, type Plan, type PlanDefinition } from '@beaker/contracts';

export class PlanDto implements PlanDefinition {
  @ApiProperty({ enum: PLANS })
  plan: Plan;

  @ApiProperty({ example: 'Starter' })
  name: string;

  @ApiProperty({ example: 100 })
  callsIncluded: number;

  @ApiProperty({ example: 9900, description: 'US cents a month' })
  monthlyPriceCents: number;
}

export class PlanListDto {
  @ApiProperty({ type: [PlanDto] })
  items: PlanDto[];

  @ApiProperty({ type: String, nullable: true, example: null })
  nextCursor: string | null;
}

export class PlanQueryDto {
  @ApiPropertyOptional({ enum: PLANS, description: 'Only this plan' })
  @IsOptional()
  @IsIn(PLANS)
  plan?: Plan;
}
