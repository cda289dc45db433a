import { createHash, createHmac } from 'node:crypto';
import twilio from 'twilio';
import { AppConfig } from '../../config/app-config';
import { parseTwilioForm, signTwilioRequest, TwilioWebhookVerifier, verifyTwilioSignature } from './twilio.webhook-signature';

const authToken = 'test_auth_token_0123456789';
const url = 'https://beaker.example.com/webhooks/twilio?callId=5b1f';
const form =
  'AccountSid=AC123&CallSid=CA456&CallStatus=in-progress&From=%2B15005550006&To=%2B14155551212&SequenceNumber=2&Caller+Name=J%C3%B6rg+O%27Neil&Tag=b&Tag=a';
const params = parseTwilioForm(form);
const check = (overrides: Partial<Parameters<typeof verifyTwilioSignature>[0]>) =>
  verifyTwilioSignature({ authToken, signature: signTwilioRequest(authToken, url, params), url, params, rawBody: Buffer.from(form), ...overrides });

describe('Twilio webhook signature (the SDK)', () => {
  it('parses a form body with repeated keys and "+" as space', () => {
    expect(params['Caller Name']).toBe("Jörg O'Neil");
    expect(params.Tag).toEqual(['b', 'a']);
    expect(params.From).toBe('+15005550006');
  });

  it('signs with the SDK\'s getExpectedTwilioSignature: Twilio\'s documented HMAC-SHA1, which validateRequest accepts', () => {
    const simple = { CallSid: 'CA0123', CallStatus: 'ringing', To: '+14155550123' };
    const documented = createHmac('sha1', authToken).update(`${url}CallSidCA0123CallStatusringingTo+14155550123`).digest('base64');
    expect(signTwilioRequest(authToken, url, simple)).toBe(documented);
    expect(twilio.validateRequest(authToken, signTwilioRequest(authToken, url, params), url, params)).toBe(true);
  });

  it('accepts what Twilio signs, with or without the default port', () => {
    for (const signedUrl of [url, 'https://beaker.example.com:443/webhooks/twilio?callId=5b1f']) {
      expect(check({ signature: signTwilioRequest(authToken, signedUrl, params) })).toEqual({ valid: true });
    }
    const local = 'http://127.0.0.1:3100/webhooks/twilio';
    expect(check({ url: local, signature: signTwilioRequest(authToken, local, params) })).toEqual({ valid: true });
  });

  it('refuses a missing signature, naming it', () => {
    expect(check({ signature: undefined })).toEqual({ valid: false, reason: 'missing X-Twilio-Signature header' });
    expect(check({ signature: '' })).toEqual({ valid: false, reason: 'missing X-Twilio-Signature header' });
  });

  it.each([
    ['a forged signature', { signature: 'AAAA' }],
    ['another host', { url: url.replace('beaker.example.com', 'evil.example.com') }],
    ['another query', { url: url.replace('5b1f', '5b1e') }],
    ['a changed parameter', { params: { ...params, CallStatus: 'completed' } }],
    ['a dropped parameter', { params: Object.fromEntries(Object.entries(params).filter(([k]) => k !== 'Tag')) }],
    ['another token', { signature: signTwilioRequest('other', url, params) }],
  ])('refuses %s', (_name, overrides) => {
    expect(check(overrides)).toEqual({ valid: false, reason: 'signature mismatch' });
  });

  it('checks JSON bodies against bodySHA256 in the signed URL, as validateRequestWithBody does', () => {
    const body = JSON.stringify({ CallSid: 'CA1', CallStatus: 'ringing' });
    const hashed = `https://beaker.example.com/webhooks/twilio?bodySHA256=${createHash('sha256').update(body).digest('hex')}`;
    const signature = signTwilioRequest(authToken, hashed, {});
    const json = (rawBody: string, flat: Record<string, string> = {}) => verifyTwilioSignature({ authToken, signature, url: hashed, params: flat, rawBody: Buffer.from(rawBody) });
    expect(json(body)).toEqual({ valid: true });
    // The fields read flat for naming the event are not part of what Twilio signed.
    expect(json(body, { CallSid: 'CA1', CallStatus: 'ringing' })).toEqual({ valid: true });
    expect(json(body.replace('ringing', 'completed'))).toEqual({ valid: false, reason: 'signature or bodySHA256 mismatch' });
    expect(json(`${body} `).valid).toBe(false);
  });

  it('TwilioWebhookVerifier checks with TWILIO_AUTH_TOKEN', () => {
    const verifier = new TwilioWebhookVerifier(AppConfig.fromEnv(process.env, { TWILIO_AUTH_TOKEN: authToken }));
    const request = { url, params, rawBody: Buffer.from(form) };
    expect(verifier.verify({ ...request, signature: signTwilioRequest(authToken, url, params) })).toEqual({ valid: true });
    expect(verifier.verify({ ...request, signature: signTwilioRequest('other', url, params) }).valid).toBe(false);
  });
});
