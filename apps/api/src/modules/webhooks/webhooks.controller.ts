import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ProblemResponse } from '../../common/http/openapi';
import { Public } from '../auth';
import { RawWebhookBody } from './raw-body';
import { WebhookReceiver } from './webhook-receiver.service';

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
const COMMON = [
  ApiUnauthorizedResponse({ type: ProblemResponse, description: 'WEBHOOKS.INVALID_SIGNATURE: bad, missing or expired signature; nothing is stored' }),
  ApiBadRequestResponse({ type: ProblemResponse, description: 'WEBHOOKS.MALFORMED_PAYLOAD: signed but unreadable; stored as failed for inspection' }),
  ApiPayloadTooLargeResponse({ type: ProblemResponse, description: 'REQUEST.PAYLOAD_TOO_LARGE: over 1 MB' }),
  ApiServiceUnavailableResponse({ type: ProblemResponse, description: 'WEBHOOKS.STORE_UNAVAILABLE: not stored, deliver again' }),
];
const apply = (...decorators: MethodDecorator[]): MethodDecorator => (target, key, descriptor) => {
  for (const d of decorators) d(target, key, descriptor);
};

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
  @ApiOperation({ summary: 'Stripe events (billing)', description: 'Verified with `Stripe-Signature` (HMAC-SHA256, 300 s tolerance). Deduplicated by the event id.' })
  @ApiHeader({ name: 'Stripe-Signature', required: true })
  @ApiConsumes('application/json')
  @ApiBody({ schema: { type: 'object', description: 'A Stripe Event object' } })
  @ApiOkResponse(ACK)
  @apply(...COMMON)
  stripe(@Req() request: FastifyRequest): Promise<unknown> {
    return this.receiver.receive('stripe', request);
  }

  @Post('twilio')
  @HttpCode(200)
  @RawWebhookBody()
  @ApiOperation({
    summary: 'Twilio status callbacks',
    description: 'Verified with `X-Twilio-Signature` against the public URL (APP_URL + path). Deduplicated by CallSid + CallStatus (+ SequenceNumber).',
  })
  @ApiHeader({ name: 'X-Twilio-Signature', required: true })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ schema: { type: 'object', description: 'Twilio status callback fields (CallSid, CallStatus, …)' } })
  @ApiOkResponse(ACK)
  @apply(...COMMON)
  twilio(@Req() request: FastifyRequest): Promise<unknown> {
    return this.receiver.receive('twilio', request);
  }

  @Post('vapi')
  @HttpCode(200)
  @RawWebhookBody()
  @ApiOperation({
    summary: 'Vapi server messages',
    description:
      'Verified with `x-vapi-signature` + `x-vapi-timestamp` (HMAC-SHA256 of `{timestamp}.{body}`), or the legacy `x-vapi-secret`. ' +
      'Deduplicated by call id + message type (+ status). assistant-request and tool-calls are answered with content once stored.',
  })
  @ApiHeader({ name: 'x-vapi-signature', required: false })
  @ApiHeader({ name: 'x-vapi-timestamp', required: false })
  @ApiHeader({ name: 'x-vapi-secret', required: false })
  @ApiConsumes('application/json')
  @ApiBody({ schema: { type: 'object', properties: { message: { type: 'object', description: 'A Vapi ServerMessage' } } } })
  @ApiOkResponse(VAPI_ANSWER)
  @apply(...COMMON)
  vapi(@Req() request: FastifyRequest): Promise<unknown> {
    return this.receiver.receive('vapi', request);
  }
}
