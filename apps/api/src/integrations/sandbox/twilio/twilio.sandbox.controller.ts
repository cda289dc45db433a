import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InvalidCursor, ValidationFailed } from '../../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../../common/http/endpoint';
import { SANDBOX_ACCESS_ERRORS } from '../sandbox.errors';
import { PublicInDevelopment } from '../../../modules/auth';
import { SandboxInboundSmsRequestDto, SandboxInboundSmsResultDto, SandboxMessagesQueryDto, SandboxSmsPageDto } from './dto/sandbox-sms.dto';
import { TwilioSandbox } from './twilio.sandbox';

/** Sandbox only (not registered when PROVIDERS=live): the development SMS outbox, and texts to our numbers. */
@ApiTags('sandbox')
@PublicInDevelopment()
@EndpointErrors(SANDBOX_ACCESS_ERRORS)
@Controller('v1/sandbox')
export class TwilioSandboxController {
  constructor(private readonly sandbox: TwilioSandbox) {}

  @Get('messages')
  @Endpoint({
    summary: 'Sandbox: SMS the product sent, newest first (read your verification code here)',
    response: { status: 200, type: SandboxSmsPageDto },
    errors: [ValidationFailed, InvalidCursor],
  })
  list(@Query() query: SandboxMessagesQueryDto): Promise<SandboxSmsPageDto> {
    return this.sandbox.listMessages(query);
  }

  @Post('inbound-messages')
  @HttpCode(200)
  @Endpoint({
    summary: 'Sandbox: text one of our numbers (STOP, START, HELP…)',
    description: "Posts Twilio's incoming-message webhook, signed, to our /webhooks/twilio; what it answers is texted back to the sender (see the outbox).",
    response: { status: 200, type: SandboxInboundSmsResultDto },
    errors: [ValidationFailed],
  })
  receive(@Body() body: SandboxInboundSmsRequestDto): Promise<SandboxInboundSmsResultDto> {
    return this.sandbox.receiveSms(body);
  }
}
