import { ApiProperty } from '@nestjs/swagger';
import type { BreakerSnapshot, BreakerState } from '../../../integrations/resilience/provider-circuit-breakers';

export class CircuitBreakerDto implements BreakerSnapshot {
  @ApiProperty({ example: 'vapi:place_call', description: '`<provider>:<operation>`' })
  name: string;

  @ApiProperty({ enum: ['closed', 'open', 'half_open'], description: 'half_open: the open period is over, the next call probes' })
  state: BreakerState;

  @ApiProperty({ example: 0, description: 'Counted failures (transient, after retries) in the rolling window of 60 s' })
  failures: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastFailureAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'HTTP 503 Service Unavailable' })
  lastError: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the current open period began; null when closed' })
  openedAt: string | null;

  @ApiProperty({ example: 0, description: 'Times it opened (all processes)' })
  opens: number;

  @ApiProperty({ example: 0, description: 'Times it closed again after a successful probe (all processes)' })
  closes: number;
}

export class CircuitBreakerPageDto {
  @ApiProperty({ type: [CircuitBreakerDto] })
  items: CircuitBreakerDto[];

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Always null: every breaker fits on one page' })
  nextCursor: null;
}
