import { ApiProperty } from '@nestjs/swagger';
import { BUSINESS_STATUSES, PLANS, type BusinessPhoneNumberView, type BusinessResponse, type BusinessStatus, type Plan, type TestCallPlaced } from '@beaker/contracts';

export class BusinessPhoneNumberDto implements BusinessPhoneNumberView {
  @ApiProperty({ example: '+14155550100' })
  e164: string;

  @ApiProperty({ enum: ['provisioning', 'active', 'released'] })
  status: 'provisioning' | 'active' | 'released';
}

export class BusinessResponseDto implements BusinessResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Cool Air HVAC' })
  name: string;

  @ApiProperty({ enum: BUSINESS_STATUSES })
  status: BusinessStatus;

  @ApiProperty({ enum: PLANS })
  plan: Plan;

  @ApiProperty({ example: 100, description: 'Calls included per billing period' })
  callsIncluded: number;

  @ApiProperty({ example: 12 })
  callsUsedThisPeriod: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  currentPeriodEnd: string | null;

  @ApiProperty({ type: BusinessPhoneNumberDto, nullable: true, description: 'The business’s number; null until setup has bought one' })
  phoneNumber: BusinessPhoneNumberDto | null;
}

export class TestCallPlacedDto implements TestCallPlaced {
  @ApiProperty({ format: 'uuid', description: 'Follow it at GET /v1/calls/:callId and its events' })
  callId: string;

  @ApiProperty({ example: '+13035550123', description: 'Your verified phone' })
  to: string;

  @ApiProperty({ example: '+13035550100', description: 'The business’s number' })
  from: string;
}
