import { createHmac } from 'node:crypto';
import { ManualClock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { VAPI_SIGNATURE_HEADER, VAPI_TIMESTAMP_HEADER, signVapiPayload, vapiSignatureHeaders, VapiWebhookVerifier, verifyVapiSignature } from './vapi.signature';

describe('Vapi webhook signature', () => {
  const secret = 'whsec_test_secret';
  const body = JSON.stringify({ message: { type: 'status-update', status: 'ringing' } });
  const now = 1_764_288_000_000;

  it('is the hex HMAC-SHA256 of `${timestamp}.${body}`', () => {
    const expected = createHmac('sha256', secret).update(`${now}.${body}`).digest('hex');
    expect(signVapiPayload(secret, now, body)).toBe(expected);
    expect(vapiSignatureHeaders(secret, body, now)).toEqual({ [VAPI_SIGNATURE_HEADER]: expected, [VAPI_TIMESTAMP_HEADER]: String(now) });
  });

  it('accepts what it signed, within the tolerance', () => {
    const headers = vapiSignatureHeaders(secret, body, now);
    const check = verifyVapiSignature(secret, { body: Buffer.from(body), signature: headers[VAPI_SIGNATURE_HEADER], timestamp: headers[VAPI_TIMESTAMP_HEADER] }, { nowMs: now + 299_000 });
    expect(check).toEqual({ valid: true });
  });

  it('refuses a tampered body, another secret, an old timestamp and missing headers', () => {
    const h = vapiSignatureHeaders(secret, body, now);
    const input = { body, signature: h[VAPI_SIGNATURE_HEADER], timestamp: h[VAPI_TIMESTAMP_HEADER] };
    expect(verifyVapiSignature(secret, { ...input, body: body.replace('ringing', 'ended') }, { nowMs: now })).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifyVapiSignature('other', input, { nowMs: now })).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifyVapiSignature(secret, input, { nowMs: now + 301_000 })).toEqual({ valid: false, reason: 'expired' });
    expect(verifyVapiSignature(secret, { ...input, timestamp: undefined }, { nowMs: now })).toEqual({ valid: false, reason: 'missing' });
    expect(verifyVapiSignature(secret, { ...input, signature: 'zz' }, { nowMs: now })).toEqual({ valid: false, reason: 'malformed' });
  });

  it('reads a timestamp in seconds too', () => {
    const seconds = String(Math.floor(now / 1000));
    const signature = signVapiPayload(secret, seconds, body);
    expect(verifyVapiSignature(secret, { body, signature, timestamp: seconds }, { nowMs: now })).toEqual({ valid: true });
  });
});

describe('VapiWebhookVerifier', () => {
  const secret = 'vapi_test_secret';
  const body = Buffer.from(JSON.stringify({ message: { type: 'status-update', status: 'ringing' } }));
  const now = 1_764_288_000_000;
  const verifier = new VapiWebhookVerifier(AppConfig.fromEnv(process.env, { VAPI_WEBHOOK_SECRET: secret }), new ManualClock(new Date(now)));
  const verify = (headers: Record<string, string>) => verifier.verify(body, (name) => headers[name]);

  it('checks the HMAC headers with VAPI_WEBHOOK_SECRET at the injected clock\'s time', () => {
    expect(verify(vapiSignatureHeaders(secret, body.toString(), now))).toEqual({ valid: true });
    expect(verify(vapiSignatureHeaders('other', body.toString(), now))).toEqual({ valid: false, reason: 'vapi signature mismatch' });
    expect(verify(vapiSignatureHeaders(secret, body.toString(), now - 301_000))).toEqual({ valid: false, reason: 'vapi signature expired' });
    expect(verify({ [VAPI_SIGNATURE_HEADER]: signVapiPayload(secret, now, body) })).toEqual({ valid: false, reason: 'vapi signature missing' });
  });

  it('accepts Vapi\'s older credentials (x-vapi-secret, bearer) only with the secret itself', () => {
    expect(verify({ 'x-vapi-secret': secret })).toEqual({ valid: true });
    expect(verify({ 'x-vapi-secret': 'wrong' })).toEqual({ valid: false, reason: 'x-vapi-secret mismatch' });
    expect(verify({ authorization: `Bearer ${secret}` })).toEqual({ valid: true });
    expect(verify({ authorization: 'Bearer wrong' })).toEqual({ valid: false, reason: 'bearer token mismatch' });
  });

  it('refuses a delivery with no credential', () => {
    expect(verify({})).toEqual({ valid: false, reason: 'missing Vapi credential headers' });
    expect(verify({ authorization: `Basic ${secret}` })).toEqual({ valid: false, reason: 'missing Vapi credential headers' });
  });

  describe('in live mode', () => {
    const live = AppConfig.fromEnv(process.env, {
      PROVIDERS: 'live',
      STRIPE_API_KEY: 'sk_test_0123456789',
      STRIPE_WEBHOOK_SECRET: 'whsec_test_0123456789abcdef',
      TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
      TWILIO_AUTH_TOKEN: 'twilio_test_token_0123456789',
      VAPI_API_KEY: 'vapi_test_key',
      VAPI_WEBHOOK_SECRET: 'vapi_live_test_secret_0123456789',
      SESSION_SECRET: 'test-vapi-signature-session-secret-0123456789',
    });
    const liveSecret = live.env.VAPI_WEBHOOK_SECRET;
    const liveVerifier = new VapiWebhookVerifier(live, new ManualClock(new Date(now)));
    const verifyLive = (headers: Record<string, string>) => liveVerifier.verify(body, (name) => headers[name]);

    it('refuses the static secret without a timestamp (x-vapi-secret, bearer), even the right one: a captured delivery could be replayed forever', () => {
      const refused = { valid: false, reason: 'static Vapi credential (no timestamp) refused in live mode: configure the HMAC credential' };
      expect(verifyLive({ 'x-vapi-secret': liveSecret })).toEqual(refused);
      expect(verifyLive({ authorization: `Bearer ${liveSecret}` })).toEqual(refused);
    });

    it('accepts the HMAC headers within the tolerance, and refuses a replay after it', () => {
      expect(verifyLive(vapiSignatureHeaders(liveSecret, body.toString(), now))).toEqual({ valid: true });
      expect(verifyLive(vapiSignatureHeaders(liveSecret, body.toString(), now - 301_000))).toEqual({ valid: false, reason: 'vapi signature expired' });
    });
  });
});
