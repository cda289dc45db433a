import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PayloadTooLarge } from '../../common/errors/common.errors';
import { type DeclaredError, Endpoint } from '../../common/http/endpoint';
import { Public } from '../auth';
import { RawWebhookBody } from './raw-body';
import { WebhookReply } from './webhook-handler.registry';
import { WebhookReceiver } from './webhook-receiver.service';
import { InvalidWebhookSignature, MalformedWebhookPayload, WebhookStoreUnavailable } from './webhooks.errors';

const ACK = { schema: { type: 'object', properties: { received: { type: 'boolean', example: true }, duplicate: { type: 'boolean', example: false } } } };
/** What an assistant-request is answered with (Vapi's ServerMessageResponseAssistantRequest); other Vapi messages get the ACK. */
const VAPI_ANSWER = {
  description: 'The acknowledgement, or for an assistant-request: a saved assistant, a transient one, or words to say before hanging up',
  schema: {
    oneOf: [
      ACK.schema,
      {
        type: 'object',
        properties: {
          assistantId: { type: 'string' },
          assistantOverrides: { type: 'object', properties: { metadata: { type: 'object', additionalProperties: { type: 'string' } } } },
        },
      },
      {
        type: 'object',
        properties: {
          assistant: { type: 'object', description: 'A transient Vapi assistant' },
          assistantOverrides: { type: 'object', properties: { metadata: { type: 'object', additionalProperties: { type: 'string' } } } },
        },
      },
      { type: 'object', properties: { error: { type: 'string', example: 'Sorry, this number is not in service.' } } },
    ],
  },
};
const ERRORS: DeclaredError[] = [
  { error: InvalidWebhookSignature, note: 'bad, missing or expired signature; nothing is stored' },
  { error: MalformedWebhookPayload, note: 'signed but unreadable; stored as failed for inspection' },
  { error: PayloadTooLarge, note: 'over 1 MB' },
  WebhookStoreUnavailable,
];

/**
 * Provider webhooks. No session: each request proves itself by its signature, checked on the
 * raw body. A 200 means the event is stored durably; processing happens in a job.
 */
@ApiTags('webhooks')
@Public()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly receiver: WebhookReceiver) {}

  @Post('stripe')
  @HttpCode(200)
  @RawWebhookBody()
  @Endpoint({
    summary: 'Stripe events (billing)',
    description: 'Verified with `Stripe-Signature` (HMAC-SHA256, 300 s tolerance). Deduplicated by the event id.',
    response: { status: 200, ...ACK },
    errors: ERRORS,
  })
  @ApiHeader({ name: 'Stripe-Signature', required: true })
  @ApiConsumes('application/json')
  @ApiBody({ schema: { type: 'object', description: 'A Stripe Event object' } })
  stripe(@Req() request: FastifyRequest): Promise<unknown> {
    return this.receiver.receive('stripe', request);
  }

  @Post('twilio')
  @HttpCode(200)
  @RawWebhookBody()
  @Endpoint({
    summary: 'Twilio status callbacks and texts to our numbers',
    description:
      'Verified with `X-Twilio-Signature` against the public URL (APP_URL + path). Status callbacks are deduplicated by CallSid + CallStatus ' +
      '(+ SequenceNumber) or MessageSid + MessageStatus, and acknowledged with JSON. A text to one of our numbers (SmsStatus `received`) is ' +
      'processed before the answer — STOP and its synonyms, START/UNSTOP, HELP — and answered with TwiML (`text/xml`) carrying the confirmation.',
    response: { status: 200, ...ACK },
    errors: ERRORS,
  })
  @ApiHeader({ name: 'X-Twilio-Signature', required: true })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiProduces('application/json', 'text/xml')
  @ApiBody({ schema: { type: 'object', description: 'Twilio webhook fields (CallSid, CallStatus, …; MessageSid, SmsStatus, From, To, Body, …)' } })
  async twilio(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const answer = await this.receiver.receive('twilio', request);
    if (!(answer instanceof WebhookReply)) return answer;
    void reply.type(answer.contentType);
    return answer.body;
  }

  @Post('vapi')
  @HttpCode(200)
  @RawWebhookBody()
  @Endpoint({
    summary: 'Vapi server messages',
    description:
      'Verified with `x-vapi-signature` + `x-vapi-timestamp` (HMAC-SHA256 of `{timestamp}.{body}`); the legacy `x-vapi-secret` (no timestamp) only in sandbox mode. ' +
      'Deduplicated by call id + message type (+ status). assistant-request and tool-calls are answered with content once stored.',
    response: { status: 200, ...VAPI_ANSWER },
    errors: ERRORS,
  })
  @ApiHeader({ name: 'x-vapi-signature', required: false })
  @ApiHeader({ name: 'x-vapi-timestamp', required: false })
  @ApiHeader({ name: 'x-vapi-secret', required: false })
  @ApiConsumes('application/json')
  @ApiBody({ schema: { type: 'object', properties: { message: { type: 'object', description: 'A Vapi ServerMessage' } } } })
  vapi(@Req() request: FastifyRequest): Promise<unknown> {
    return this.receiver.receive('vapi', request);
  }
}
