import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadGatewayResponse, ApiNotFoundResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { SandboxInboundCallRequest, SandboxInboundCallResult } from '@beaker/contracts';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ProblemResponse } from '../../../common/http/openapi';
import { Public } from '../../../modules/auth';
import { VapiSandboxInbound } from './vapi.sandbox.inbound';

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

/** Sandbox only (not registered when PROVIDERS=live): someone calls a business number. */
@ApiTags('sandbox')
@Public()
@Controller('v1/sandbox')
export class VapiSandboxInboundController {
  constructor(private readonly inbound: VapiSandboxInbound) {}

  @Post('inbound-calls')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Sandbox: call a business number',
    description:
      "Sends Vapi's assistant-request to the number's server URL and waits for the answer, then plays the call " +
      '(status-update … end-of-call-report) with the assistant it named, like a placed sandbox call.',
  })
  @ApiAcceptedResponse({ type: SandboxInboundCallResultDto })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'SANDBOX.NUMBER_NOT_FOUND: no imported number with this E.164' })
  @ApiBadGatewayResponse({ type: ProblemResponse, description: 'SANDBOX.ASSISTANT_REQUEST_FAILED: our server did not answer usably' })
  receive(@Body() body: SandboxInboundCallRequestDto): Promise<SandboxInboundCallResultDto> {
    return this.inbound.receiveCall(body);
  }
}
