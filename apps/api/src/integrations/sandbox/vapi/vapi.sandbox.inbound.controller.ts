import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadGatewayResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemResponse } from '../../../common/http/openapi';
import { Public } from '../../../modules/auth';
import { SandboxInboundCallRequestDto, SandboxInboundCallResultDto } from './dto/sandbox-inbound-call.dto';
import { VapiSandboxInbound } from './vapi.sandbox.inbound';

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
