import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InvalidCursor, ValidationFailed } from '../../../common/errors/common.errors';
import { Endpoint } from '../../../common/http/endpoint';
import { Public } from '../../../modules/auth';
import { SandboxMessagesQueryDto, SandboxSmsPageDto } from './dto/sandbox-sms.dto';
import { TwilioSandbox } from './twilio.sandbox';

/** Sandbox only (not registered when PROVIDERS=live): the development SMS outbox. */
@ApiTags('sandbox')
@Public()
@Controller('v1/sandbox/messages')
export class TwilioSandboxController {
  constructor(private readonly sandbox: TwilioSandbox) {}

  @Get()
  @Endpoint({
    summary: 'Sandbox: SMS the product sent, newest first (read your verification code here)',
    response: { status: 200, type: SandboxSmsPageDto },
    errors: [ValidationFailed, InvalidCursor],
  })
  list(@Query() query: SandboxMessagesQueryDto): Promise<SandboxSmsPageDto> {
    return this.sandbox.listMessages(query);
  }
}
