import { createHash } from 'node:crypto';
import type { Provider } from '@beaker/contracts';
import type { TwilioParams } from '../../integrations/twilio/twilio.webhook-signature';

/**
 * What the receiver stores for a verified delivery: the provider's own id for the event (the
 * unique key that makes redeliveries duplicates), its type (routes it to a handler) and the
 * payload as JSON text (stored as received; jsonb parses it in Postgres).
 */
export interface IdentifiedEvent {
  provider: Provider;
  eventId: string;
  eventType: string;
  payloadJson: string;
}

/** A delivery whose body does not parse: stored as failed for inspection, under an id from its hash. */
export const MALFORMED_EVENT_TYPE = 'malformed';
/** A delivery we cannot name: stored and completed as ignored. */
export const UNKNOWN_EVENT_TYPE = 'unknown';

export function bodyHash(raw: Buffer | string): string {
  return createHash('sha256').update(raw).digest('hex');
}

export class MalformedWebhookBody extends Error {}

type Json = Record<string, unknown>;

function parseObject(raw: Buffer): Json {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new MalformedWebhookBody('the body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new MalformedWebhookBody('the body is not a JSON object');
  return value as Json;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 && value.length <= 500 ? value : undefined);

/** Stripe: the event's own id (`evt_…`) and type. */
export function identifyStripeEvent(raw: Buffer): IdentifiedEvent {
  const event = parseObject(raw);
  const id = str(event.id);
  const type = str(event.type);
  return {
    provider: 'stripe',
    eventId: id ?? `sha256:${bodyHash(raw)}`,
    eventType: id && type ? type : UNKNOWN_EVENT_TYPE,
    payloadJson: raw.toString('utf8'),
  };
}

/**
 * Twilio status callbacks: a call's status (CallSid + CallStatus, + SequenceNumber when Twilio
 * numbers them) or a message's (MessageSid + MessageStatus); and texts sent to our numbers
 * (MessageSid + SmsStatus "received" + Body). Anything else is named by its hash.
 */
export function identifyTwilioEvent(params: TwilioParams, raw: Buffer): IdentifiedEvent {
  const one = (key: string) => {
    const value = params[key];
    return str(Array.isArray(value) ? value[0] : value);
  };
  const payloadJson = JSON.stringify(params);
  const callSid = one('CallSid');
  const callStatus = one('CallStatus');
  if (callSid && callStatus) {
    const sequence = one('SequenceNumber');
    return { provider: 'twilio', eventId: [callSid, callStatus, sequence].filter(Boolean).join(':'), eventType: 'call-status', payloadJson };
  }
  const messageSid = one('MessageSid') ?? one('SmsSid');
  const messageStatus = one('MessageStatus') ?? one('SmsStatus');
  // A text someone sent to one of our numbers (Twilio's incoming-message webhook): status "received", with its Body.
  if (messageSid && messageStatus === 'received' && typeof (Array.isArray(params.Body) ? params.Body[0] : params.Body) === 'string') {
    return { provider: 'twilio', eventId: `${messageSid}:received`, eventType: 'incoming-message', payloadJson };
  }
  if (messageSid && messageStatus) {
    return { provider: 'twilio', eventId: `${messageSid}:${messageStatus}`, eventType: 'message-status', payloadJson };
  }
  return { provider: 'twilio', eventId: `sha256:${bodyHash(raw)}`, eventType: UNKNOWN_EVENT_TYPE, payloadJson };
}

/** Vapi message types that happen once per call (per status for status-update). */
const ONCE_PER_CALL = new Set(['end-of-call-report', 'assistant-request', 'hang']);

/**
 * Vapi: `{message: {type, call: {id}, …}}`. The call id and type name the event (+ the status for
 * status-update, + the tool call ids for tool-calls); types that repeat during a call (transcript,
 * speech-update, conversation-update…) add the body's hash, so only exact redeliveries are duplicates.
 */
export function identifyVapiEvent(raw: Buffer): IdentifiedEvent {
  const body = parseObject(raw);
  const message = (body.message ?? null) as Json | null;
  const payloadJson = raw.toString('utf8');
  const type = message && typeof message === 'object' ? str(message.type) : undefined;
  const call = message && typeof message.call === 'object' && message.call !== null ? (message.call as Json) : undefined;
  const callId = str(call?.id);
  if (!type) return { provider: 'vapi', eventId: `sha256:${bodyHash(raw)}`, eventType: UNKNOWN_EVENT_TYPE, payloadJson };
  if (!callId) return { provider: 'vapi', eventId: `${type}:sha256:${bodyHash(raw)}`, eventType: type, payloadJson };
  let qualifier: string | undefined;
  if (type === 'status-update') qualifier = str(message!.status) ?? 'unknown';
  else if (type === 'tool-calls') {
    const list = Array.isArray(message!.toolCallList) ? (message!.toolCallList as Json[]) : [];
    const ids = list.map((t) => str(t?.id)).filter(Boolean);
    qualifier = ids.length ? ids.sort().join(',') : `sha256:${bodyHash(raw)}`;
  } else if (!ONCE_PER_CALL.has(type)) qualifier = `sha256:${bodyHash(raw)}`;
  return { provider: 'vapi', eventId: [callId, type, qualifier].filter(Boolean).join(':'), eventType: type, payloadJson };
}

/** The row stored for a body that does not parse under a valid signature. */
export function malformedEvent(provider: Provider, raw: Buffer, reason: string): IdentifiedEvent & { error: string } {
  const text = raw.toString('utf8');
  return {
    provider,
    eventId: `malformed:sha256:${bodyHash(raw)}`,
    eventType: MALFORMED_EVENT_TYPE,
    // Kept as a JSON string so that the inspector shows what arrived (truncated: it cannot be processed anyway).
    payloadJson: JSON.stringify({ malformedBody: text.length > 65536 ? `${text.slice(0, 65536)}…` : text }),
    error: reason,
  };
}
