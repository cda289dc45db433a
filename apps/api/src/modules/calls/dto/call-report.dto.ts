import { ApiProperty } from '@nestjs/swagger';
import {
  CALL_DIRECTIONS,
  CALL_STATUSES,
  type CallCostView,
  type CallDirection,
  type CallLeadView,
  type CallReport,
  type CallStatus,
  type CallStatusEvent,
  type TranscriptSpeaker,
  type TranscriptTurnView,
} from '@beaker/contracts';

export class TranscriptTurnDto implements TranscriptTurnView {
  @ApiProperty({ enum: ['assistant', 'caller'] })
  speaker: TranscriptSpeaker;

  @ApiProperty({ example: "Hi, this is Max, the AI voice assistant for Cool Air HVAC…" })
  text: string;

  @ApiProperty({ example: 0.6, description: 'Seconds from the start of the call' })
  at: number;
}

export class CallLeadDto implements CallLeadView {
  @ApiProperty({ type: String, nullable: true, example: 'Jordan Lee' })
  name: string | null;

  @ApiProperty({ type: String, nullable: true, example: '+14155550123' })
  phone: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'jordan.lee@example.com' })
  email: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'AC repair: unit blowing warm air' })
  intent: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'high' })
  urgency: string | null;
}

export class CallCostDto implements CallCostView {
  @ApiProperty({ type: Number, nullable: true, example: 0.1432, description: 'US dollars' })
  total: number | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { vapi: 0.05, twilio: 0.014, model: 0.02 } })
  byProvider: Record<string, number>;
}

export class CallReportDto implements CallReport {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: CALL_STATUSES })
  status: CallStatus;

  @ApiProperty({ enum: CALL_DIRECTIONS })
  direction: CallDirection;

  @ApiProperty({ example: '+14155550123', description: 'The called number (E.164)' })
  to: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  trialId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  businessId: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  endedAt: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 42 })
  durationSeconds: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'customer-ended-call', description: "The provider's end reason, or ours for failures" })
  endedReason: string | null;

  @ApiProperty({ type: [TranscriptTurnDto] })
  transcript: TranscriptTurnDto[];

  @ApiProperty({ type: String, nullable: true, description: 'A playable audio file' })
  recordingUrl: string | null;

  @ApiProperty({ type: String, nullable: true })
  summary: string | null;

  @ApiProperty({ type: CallLeadDto, nullable: true })
  lead: CallLeadDto | null;

  @ApiProperty({ type: CallCostDto })
  cost: CallCostDto;
}

export class CallStatusEventDto implements CallStatusEvent {
  @ApiProperty({ format: 'uuid' })
  callId: string;

  @ApiProperty({ enum: CALL_STATUSES })
  status: CallStatus;

  @ApiProperty({ type: String, nullable: true })
  endedReason: string | null;

  @ApiProperty({ format: 'date-time' })
  at: string;
}
