// The test may use the SDK to prove that Twilio's own validator accepts our signature.
import twilio from 'twilio';
import { signTwilioRequest } from './twilio.signature';

describe('signTwilioRequest', () => {
  const token = 'sandbox_twilio_auth_token_local_only';
  const url = 'http://127.0.0.1:3100/webhooks/twilio?kind=status';
  const params = { CallSid: 'CA0123', CallStatus: 'ringing', To: '+14155550123', From: '+14155550100', AccountSid: 'AC0123' };

  it('is what twilio.validateRequest accepts', () => {
    expect(twilio.validateRequest(token, signTwilioRequest(token, url, params), url, params)).toBe(true);
  });

  it('is refused for another token or changed parameters', () => {
    const signature = signTwilioRequest(token, url, params);
    expect(twilio.validateRequest('other', signature, url, params)).toBe(false);
    expect(twilio.validateRequest(token, signature, url, { ...params, CallStatus: 'completed' })).toBe(false);
  });
});
