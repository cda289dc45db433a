import { createHash } from 'node:crypto';
// eslint-disable-next-line no-restricted-imports -- the SDK is the reference our own verification is checked against
import twilio from 'twilio';
import { computeTwilioSignature, parseTwilioForm, verifyTwilioSignature } from './twilio-signature';

// The SDK is the reference implementation; only specs and integrations/twilio may import it.
const authToken = 'test_auth_token_0123456789';
const url = 'https://beaker.example.com/webhooks/twilio?callId=5b1f';
const form =
  'AccountSid=AC123&CallSid=CA456&CallStatus=in-progress&From=%2B15005550006&To=%2B14155551212&SequenceNumber=2&Caller+Name=J%C3%B6rg+O%27Neil&Tag=b&Tag=a';

describe('Twilio signature', () => {
  const params = parseTwilioForm(form);

  it('parses a form body with repeated keys and "+" as space', () => {
    expect(params['Caller Name']).toBe("Jörg O'Neil");
    expect(params.Tag).toEqual(['b', 'a']);
    expect(params.From).toBe('+15005550006');
  });

  it('computes what the SDK computes', () => {
    expect(computeTwilioSignature(authToken, url, params)).toBe(twilio.getExpectedTwilioSignature(authToken, url, params));
  });

  it('accepts what the SDK signs, with or without the default port', () => {
    for (const signedUrl of [url, 'https://beaker.example.com:443/webhooks/twilio?callId=5b1f']) {
      const signature = twilio.getExpectedTwilioSignature(authToken, signedUrl, params);
      expect(twilio.validateRequest(authToken, signature, url, params)).toBe(true);
      expect(verifyTwilioSignature({ authToken, signature, url, params, rawBody: Buffer.from(form) })).toEqual({ valid: true });
    }
  });

  it('refuses what the SDK refuses', () => {
    const signature = twilio.getExpectedTwilioSignature(authToken, url, params);
    const cases = [
      { signature: undefined, url, params },
      { signature: 'AAAA', url, params },
      { signature, url: url.replace('beaker.example.com', 'evil.example.com'), params },
      { signature, url, params: { ...params, CallStatus: 'completed' } },
      { signature: twilio.getExpectedTwilioSignature('other', url, params), url, params },
    ];
    for (const c of cases) {
      expect(twilio.validateRequest(authToken, c.signature ?? '', c.url, c.params)).toBe(false);
      expect(verifyTwilioSignature({ authToken, ...c, rawBody: Buffer.from(form) }).valid).toBe(false);
    }
  });

  it('checks JSON bodies against bodySHA256, as validateRequestWithBody does', () => {
    const body = JSON.stringify({ CallSid: 'CA1' });
    const hashed = `https://beaker.example.com/webhooks/twilio?bodySHA256=${createHash('sha256').update(body).digest('hex')}`;
    const signature = twilio.getExpectedTwilioSignature(authToken, hashed, {});
    expect(twilio.validateRequestWithBody(authToken, signature, hashed, body)).toBe(true);
    expect(verifyTwilioSignature({ authToken, signature, url: hashed, params: {}, rawBody: Buffer.from(body) }).valid).toBe(true);
    expect(verifyTwilioSignature({ authToken, signature, url: hashed, params: {}, rawBody: Buffer.from(body + ' ') }).valid).toBe(false);
  });
});
