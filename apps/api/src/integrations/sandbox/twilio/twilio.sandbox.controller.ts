import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ProblemResponse } from '../../../common/http/openapi';
import { PageQueryDto } from '../../../common/http/pagination';
import { Public } from '../../../modules/auth';
import { SandboxSms, TwilioSandbox } from './twilio.sandbox';

export class SandboxMessagesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '+14155550123', description: 'Only messages to this number (E.164)' })
  @IsOptional()
  @Matches(/^\+[1-9]\d{6,14}$/, { message: 'to must be an E.164 phone number' })
  to?: string;
}

export class SandboxSmsDto implements SandboxSms {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'SM0123456789abcdef0123456789abcdef' })
  sid: string;

  @ApiProperty({ example: '+14155550123' })
  to: string;

  @ApiProperty({ example: '+15005550006' })
  from: string;

  @ApiProperty({ example: 'Your Beaker code is 123456' })
  body: string;

  @ApiProperty({ format: 'date-time' })
  sentAt: string;
}

export class SandboxSmsPageDto {
  @ApiProperty({ type: [SandboxSmsDto] })
  items: SandboxSmsDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

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
