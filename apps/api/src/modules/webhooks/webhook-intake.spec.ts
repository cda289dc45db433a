import { identifyStripeEvent, identifyTwilioEvent, identifyVapiEvent, MalformedWebhookBody, malformedEvent } from './webhook-intake';
import { parseTwilioForm } from '../../integrations/twilio/twilio.webhook-signature';

const buf = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

describe('naming webhook events', () => {
  describe('stripe', () => {
    it('uses the event id and type, and keeps the body as received', () => {
      const body = '{"id":"evt_1","type":"invoice.paid",  "data":{}}';
      expect(identifyStripeEvent(buf(body))).toEqual({ provider: 'stripe', eventId: 'evt_1', eventType: 'invoice.paid', payloadJson: body });
    });

    it('names an object without id by its hash, as unknown', () => {
      const named = identifyStripeEvent(buf({ type: 'invoice.paid' }));
      expect(named.eventType).toBe('unknown');
      expect(named.eventId).toMatch(/^sha256:[0-9a-f]{64}$/);
    });

    it.each(['{"id":', '[1,2]', 'null', '"text"'])('refuses %s as malformed', (body) => {
      expect(() => identifyStripeEvent(buf(body))).toThrow(MalformedWebhookBody);
    });
  });

  describe('twilio', () => {
    it('names a call status callback CallSid:CallStatus(:SequenceNumber)', () => {
      const raw = buf('CallSid=CA1&CallStatus=ringing&SequenceNumber=2');
      expect(identifyTwilioEvent(parseTwilioForm(raw), raw)).toMatchObject({ eventId: 'CA1:ringing:2', eventType: 'call-status' });
      const noSeq = buf('CallSid=CA1&CallStatus=completed');
      expect(identifyTwilioEvent(parseTwilioForm(noSeq), noSeq).eventId).toBe('CA1:completed');
    });

    it('names a message status callback, and anything else by its hash', () => {
      const sms = buf('MessageSid=SM1&MessageStatus=delivered');
      expect(identifyTwilioEvent(parseTwilioForm(sms), sms)).toMatchObject({ eventId: 'SM1:delivered', eventType: 'message-status' });
      const other = buf('Foo=bar');
      expect(identifyTwilioEvent(parseTwilioForm(other), other)).toMatchObject({ eventType: 'unknown', eventId: expect.stringMatching(/^sha256:/) });
    });

    it('names a text sent to one of our numbers MessageSid:received (incoming-message), whatever it says', () => {
      const raw = buf('ToCountry=US&SmsMessageSid=SM9&NumMedia=0&SmsSid=SM9&SmsStatus=received&Body=%20stop%20&To=%2B14155550100&MessageSid=SM9&From=%2B14155550123&ApiVersion=2010-04-01');
      expect(identifyTwilioEvent(parseTwilioForm(raw), raw)).toMatchObject({ eventId: 'SM9:received', eventType: 'incoming-message' });
      const empty = buf('SmsSid=SM8&SmsStatus=received&Body=&MessageSid=SM8&From=%2B14155550123');
      expect(identifyTwilioEvent(parseTwilioForm(empty), empty)).toMatchObject({ eventId: 'SM8:received', eventType: 'incoming-message' });
      // A delivery receipt of a text we sent has no Body: a status, not a message.
      const receipt = buf('MessageSid=SM7&MessageStatus=received');
      expect(identifyTwilioEvent(parseTwilioForm(receipt), receipt)).toMatchObject({ eventType: 'message-status' });
    });

    it('stores the fields as a JSON object', () => {
      const raw = buf('CallSid=CA1&CallStatus=busy');
      expect(JSON.parse(identifyTwilioEvent(parseTwilioForm(raw), raw).payloadJson)).toEqual({ CallSid: 'CA1', CallStatus: 'busy' });
    });
  });

  describe('vapi', () => {
    const call = { id: 'call-1' };
    it('names status-updates by status, reports once per call', () => {
      expect(identifyVapiEvent(buf({ message: { type: 'status-update', status: 'ringing', call } })).eventId).toBe('call-1:status-update:ringing');
      expect(identifyVapiEvent(buf({ message: { type: 'end-of-call-report', call } })).eventId).toBe('call-1:end-of-call-report');
      expect(identifyVapiEvent(buf({ message: { type: 'assistant-request', call } })).eventId).toBe('call-1:assistant-request');
    });

    it('names tool-calls by their tool call ids, and repeating types by their hash', () => {
      const tools = identifyVapiEvent(buf({ message: { type: 'tool-calls', call, toolCallList: [{ id: 'b' }, { id: 'a' }] } }));
      expect(tools.eventId).toBe('call-1:tool-calls:a,b');
      const one = identifyVapiEvent(buf({ message: { type: 'transcript', call, transcript: 'hello' } }));
      const two = identifyVapiEvent(buf({ message: { type: 'transcript', call, transcript: 'hello again' } }));
      expect(one.eventId).toMatch(/^call-1:transcript:sha256:/);
      expect(one.eventId).not.toBe(two.eventId);
    });

    it('names a message without type or call by its hash', () => {
      expect(identifyVapiEvent(buf({ hello: 1 })).eventType).toBe('unknown');
      expect(identifyVapiEvent(buf({ message: { type: 'status-update', status: 'queued' } })).eventId).toMatch(/^status-update:sha256:/);
    });
  });

  it('keeps a malformed body for inspection under an id derived from its hash', () => {
    const event = malformedEvent('vapi', buf('{oops'), 'the body is not valid JSON');
    expect(event.eventId).toMatch(/^malformed:sha256:[0-9a-f]{64}$/);
    expect(JSON.parse(event.payloadJson)).toEqual({ malformedBody: '{oops' });
    expect(malformedEvent('vapi', buf('{oops'), 'x').eventId).toBe(event.eventId);
  });
});
