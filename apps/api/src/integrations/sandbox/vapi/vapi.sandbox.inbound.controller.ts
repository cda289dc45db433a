import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ValidationFailed } from '../../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../../common/http/endpoint';
import { SANDBOX_ACCESS_ERRORS } from '../sandbox.errors';
import { PublicInDevelopment } from '../../../modules/auth';
import { SandboxInboundCallRequestDto, SandboxInboundCallResultDto } from './dto/sandbox-inbound-call.dto';
import { SandboxAssistantRequestFailed, SandboxNumberNotFound, VapiSandboxInbound } from './vapi.sandbox.inbound';

/** Sandbox only (not registered when PROVIDERS=live): someone calls a business number. */
@ApiTags('sandbox')
@PublicInDevelopment()
@EndpointErrors(SANDBOX_ACCESS_ERRORS)
@Controller('v1/sandbox')
export class VapiSandboxInboundController {
  constructor(private readonly inbound: VapiSandboxInbound) {}

  @Post('inbound-calls')
  @HttpCode(202)
  @Endpoint({
    summary: 'Sandbox: call a business number',
    description:
      "Sends Vapi's assistant-request to the number's server URL and waits for the answer, then plays the call " +
      '(status-update … end-of-call-report) with the assistant it named, like a placed sandbox call.',
    response: { status: 202, type: SandboxInboundCallResultDto },
    errors: [ValidationFailed, SandboxNumberNotFound, SandboxAssistantRequestFailed],
  })
  receive(@Body() body: SandboxInboundCallRequestDto): Promise<SandboxInboundCallResultDto> {
    return this.inbound.receiveCall(body);
  }
}
