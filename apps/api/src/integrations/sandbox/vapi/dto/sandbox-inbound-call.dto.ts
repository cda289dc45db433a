import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { SandboxInboundCallRequest, SandboxInboundCallResult } from '@beaker/contracts';

const E164 = /^\+[1-9]\d{6,14}$/;

export class SandboxInboundCallRequestDto implements SandboxInboundCallRequest {
  @ApiProperty({ example: '+14155550100', description: 'The business number dialled' })
  @Matches(E164, { message: 'to must be an E.164 number like +14155550100' })
  to: string;

  @ApiProperty({ example: '+14155550123', description: 'The caller' })
  @Matches(E164, { message: 'from must be an E.164 number like +14155550123' })
  from: string;

  @ApiPropertyOptional({ example: 'Jordan Lee' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  callerName?: string;
}

export class SandboxInboundCallResultDto implements SandboxInboundCallResult {
  @ApiProperty({ format: 'uuid', description: "The simulated call's Vapi id" })
  providerCallId: string;

  @ApiProperty({ enum: ['assistant', 'transient', 'error'] })
  answeredWith: 'assistant' | 'transient' | 'error';

  @ApiProperty()
  firstMessage: string;
}
