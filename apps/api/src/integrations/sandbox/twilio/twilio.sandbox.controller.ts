import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemResponse } from '../../../common/http/openapi';
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
  @ApiOperation({ summary: 'Sandbox: SMS the product sent, newest first (read your verification code here)' })
  @ApiOkResponse({ type: SandboxSmsPageDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED, PAGINATION.INVALID_CURSOR' })
  list(@Query() query: SandboxMessagesQueryDto): Promise<SandboxSmsPageDto> {
    return this.sandbox.listMessages(query);
  }
}
