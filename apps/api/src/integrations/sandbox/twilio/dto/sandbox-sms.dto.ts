import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../../common/http/pagination';
import type { SandboxSms } from '../twilio.sandbox';

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

export class SandboxInboundSmsRequestDto {
  @ApiProperty({ example: '+14155550123', description: 'Who texts (E.164)' })
  @Matches(/^\+[1-9]\d{6,14}$/, { message: 'from must be an E.164 phone number' })
  from: string;

  @ApiProperty({ example: '+14155550100', description: 'Our number they text: a business number, or the verification number' })
  @Matches(/^\+[1-9]\d{6,14}$/, { message: 'to must be an E.164 phone number' })
  to: string;

  @ApiProperty({ example: 'STOP' })
  @IsString()
  @MaxLength(1600)
  body: string;
}

export class SandboxInboundSmsResultDto {
  @ApiProperty({ example: 200, description: 'What our /webhooks/twilio answered' })
  status: number;

  @ApiProperty({ type: String, nullable: true, example: 'You are unsubscribed from Cool Air HVAC: no more calls or texts from this number. Reply START to undo.', description: 'The text Twilio would send back (also in the outbox)' })
  reply: string | null;
}
