import nock from 'nock';
import { PermanentProviderError, TransientProviderError } from '../../src/integrations/providers.errors';
import { TwilioAdapter } from '../../src/integrations/twilio/twilio.adapter';
import { BreakerHarness, liveConfig, startBreakers } from './support/breakers';

const TWILIO = 'https://api.twilio.com';
const SID = 'AC0123456789abcdef0123456789abcdef';
const ACCOUNT = `/2010-04-01/Accounts/${SID}`;
const basicAuth = `Basic ${Buffer.from(`${SID}:twilio_test_token`).toString('base64')}`;

/** Twilio's Message resource as the API documents it. */
const message = (to: string, body: string) => ({
  account_sid: SID,
  api_version: '2010-04-01',
  body,
  date_created: 'Thu, 27 Nov 2026 10:00:00 +0000',
  date_sent: null,
  date_updated: 'Thu, 27 Nov 2026 10:00:00 +0000',
  direction: 'outbound-api',
  error_code: null,
  error_message: null,
  from: '+14155550100',
  messaging_service_sid: null,
  num_media: '0',
  num_segments: '1',
  price: null,
  price_unit: 'USD',
  sid: 'SM1f0e8ae6ade43cb3c0ce4525424e404f',
  status: 'queued',
  subresource_uris: { media: `${ACCOUNT}/Messages/SM1f0e8ae6ade43cb3c0ce4525424e404f/Media.json` },
  to,
  uri: `${ACCOUNT}/Messages/SM1f0e8ae6ade43cb3c0ce4525424e404f.json`,
});

const available = (e164: string, locality: string, region: string) => ({
  friendly_name: e164,
  phone_number: e164,
  lata: '722',
  locality,
  rate_center: 'SNFC',
  latitude: '37.77',
  longitude: '-122.41',
  region,
  postal_code: '94103',
  iso_country: 'US',
  address_requirements: 'none',
  beta: false,
  capabilities: { voice: true, SMS: true, MMS: true },
});

const page = (numbers: unknown[], uri: string) => ({
  available_phone_numbers: numbers,
  end: numbers.length - 1,
  first_page_uri: uri,
  next_page_uri: null,
  page: 0,
  page_size: 5,
  previous_page_uri: null,
  start: 0,
  uri,
});

const twilioError = (status: number, code: number, text: string) => ({ code, message: text, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

describe('Twilio adapter (SDK, nock)', () => {
  let h: BreakerHarness;
  let twilio: TwilioAdapter;

  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    h = await startBreakers({}, undefined, { reset: true });
    twilio = new TwilioAdapter(liveConfig(), h.breakers);
    twilio.requestTimeoutMs = 300;
    twilio.keepAlive = false;
  });
  afterEach(async () => {
    nock.cleanAll();
    await h.close();
  });

  it('sends an SMS: POST Messages.json, form-encoded, basic auth, from TWILIO_FROM_NUMBER', async () => {
    let form = new URLSearchParams();
    const scope = nock(TWILIO, { reqheaders: { authorization: basicAuth } })
      .post(`${ACCOUNT}/Messages.json`, (body: string) => ((form = new URLSearchParams(body)), true))
      .reply(201, message('+14155550123', 'Your Beaker code is 123456'));
    await expect(twilio.sendSms({ to: '+14155550123', body: 'Your Beaker code is 123456' })).resolves.toEqual({ sid: 'SM1f0e8ae6ade43cb3c0ce4525424e404f' });
    scope.done();
    expect(Object.fromEntries(form)).toEqual({ To: '+14155550123', From: '+14155550100', Body: 'Your Beaker code is 123456' });
  });

  it('searches numbers in the area code, and anywhere in the country when it has none', async () => {
    const scope = nock(TWILIO)
      .get(`${ACCOUNT}/AvailablePhoneNumbers/US/Local.json`)
      .query({ AreaCode: '415', SmsEnabled: 'true', VoiceEnabled: 'true', PageSize: '2' })
      .reply(200, page([available('+14155550150', 'San Francisco', 'CA'), available('+14155550151', 'San Francisco', 'CA')], `${ACCOUNT}/AvailablePhoneNumbers/US/Local.json`))
      .get(`${ACCOUNT}/AvailablePhoneNumbers/US/Local.json`)
      .query({ AreaCode: '999', SmsEnabled: 'true', VoiceEnabled: 'true', PageSize: '2' })
      .reply(200, page([], `${ACCOUNT}/AvailablePhoneNumbers/US/Local.json`))
      .get(`${ACCOUNT}/AvailablePhoneNumbers/US/Local.json`)
      .query({ SmsEnabled: 'true', VoiceEnabled: 'true', PageSize: '2' })
      .reply(200, page([available('+13125550160', 'Chicago', 'IL')], `${ACCOUNT}/AvailablePhoneNumbers/US/Local.json`));
    await expect(twilio.searchAvailableNumbers({ areaCode: '415', country: 'US', limit: 2 })).resolves.toEqual([
      { e164: '+14155550150', locality: 'San Francisco', region: 'CA' },
      { e164: '+14155550151', locality: 'San Francisco', region: 'CA' },
    ]);
    await expect(twilio.searchAvailableNumbers({ areaCode: '999', country: 'US', limit: 2 })).resolves.toEqual([{ e164: '+13125550160', locality: 'Chicago', region: 'IL' }]);
    scope.done();
  });

  it('buys a number with its status callback, and releases it (already released is fine)', async () => {
    let form = new URLSearchParams();
    const scope = nock(TWILIO)
      .post(`${ACCOUNT}/IncomingPhoneNumbers.json`, (body: string) => ((form = new URLSearchParams(body)), true))
      .reply(201, { sid: 'PN2a0747eba6abf96b7e3c3ff0b4530f6e', account_sid: SID, phone_number: '+14155550150', friendly_name: 'Cool Air HVAC', status_callback: 'https://beaker.example/webhooks/twilio' })
      .delete(`${ACCOUNT}/IncomingPhoneNumbers/PN2a0747eba6abf96b7e3c3ff0b4530f6e.json`)
      .reply(204)
      .delete(`${ACCOUNT}/IncomingPhoneNumbers/PNgone.json`)
      .reply(404, twilioError(404, 20404, 'The requested resource was not found'));
    await expect(
      twilio.buyNumber({ e164: '+14155550150', friendlyName: 'Cool Air HVAC', statusCallbackUrl: 'https://beaker.example/webhooks/twilio' }),
    ).resolves.toEqual({ sid: 'PN2a0747eba6abf96b7e3c3ff0b4530f6e', e164: '+14155550150' });
    expect(Object.fromEntries(form)).toEqual({
      PhoneNumber: '+14155550150',
      FriendlyName: 'Cool Air HVAC',
      StatusCallback: 'https://beaker.example/webhooks/twilio',
      StatusCallbackMethod: 'POST',
    });
    await twilio.releaseNumber('PN2a0747eba6abf96b7e3c3ff0b4530f6e');
    await twilio.releaseNumber('PNgone');
    scope.done();
  });

  it('401 and 400 are permanent, with Twilio\'s code; not retried, not counted', async () => {
    const scope = nock(TWILIO)
      .post(`${ACCOUNT}/Messages.json`)
      .reply(401, twilioError(401, 20003, 'Authenticate'))
      .post(`${ACCOUNT}/IncomingPhoneNumbers.json`)
      .reply(400, twilioError(400, 21422, 'PhoneNumber requested is not available'));
    const error = await twilio.sendSms({ to: '+14155550123', body: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentProviderError);
    expect(error).toMatchObject({ providerStatus: 401, providerCode: '20003', providerMessage: 'Authenticate', code: 'PROVIDERS.REJECTED' });
    await expect(twilio.buyNumber({ e164: '+14155550150' })).rejects.toMatchObject({ providerStatus: 400, providerCode: '21422' });
    scope.done();
    expect(h.timing.sleeps).toEqual([]);
    expect((await h.breakers.snapshot()).filter((b) => b.name.startsWith('twilio:') && b.failures > 0)).toEqual([]);
  });

  it('429 with Retry-After: waited out, and retried even for an SMS (Twilio did not take it)', async () => {
    const scope = nock(TWILIO)
      .post(`${ACCOUNT}/Messages.json`)
      .reply(429, twilioError(429, 20429, 'Too Many Requests'), { 'Retry-After': '5' })
      .post(`${ACCOUNT}/Messages.json`)
      .reply(201, message('+14155550123', 'hi'));
    await expect(twilio.sendSms({ to: '+14155550123', body: 'hi' })).resolves.toMatchObject({ sid: expect.stringMatching(/^SM/) });
    scope.done();
    expect(h.timing.sleeps).toEqual([5000]);
  });

  it('500s: a purchase is retried 3 times then unavailable; an SMS is not retried (it may have gone out)', async () => {
    const buys = nock(TWILIO).post(`${ACCOUNT}/IncomingPhoneNumbers.json`).times(4).reply(500, twilioError(500, 20500, 'Internal Server Error'));
    await expect(twilio.buyNumber({ e164: '+14155550150' })).rejects.toMatchObject({ providerStatus: 500, code: 'PROVIDERS.UNAVAILABLE' });
    buys.done();
    expect(h.timing.sleeps).toEqual([1000, 2000, 4000]);

    const sms = nock(TWILIO).post(`${ACCOUNT}/Messages.json`).reply(500, twilioError(500, 20500, 'Internal Server Error'));
    await expect(twilio.sendSms({ to: '+14155550123', body: 'x' })).rejects.toBeInstanceOf(TransientProviderError);
    sms.done();
    expect(h.timing.sleeps).toEqual([1000, 2000, 4000]);
    const snapshot = await h.breakers.snapshot();
    expect(snapshot.find((b) => b.name === 'twilio:buy_number')?.failures).toBe(1);
    expect(snapshot.find((b) => b.name === 'twilio:send_sms')?.failures).toBe(1);
  });

  it('a timeout is transient and retried for a search', async () => {
    const scope = nock(TWILIO)
      .get(`${ACCOUNT}/AvailablePhoneNumbers/US/Local.json`)
      .query(true)
      .delay(1000)
      .reply(200, page([], 'x'))
      .get(`${ACCOUNT}/AvailablePhoneNumbers/US/Local.json`)
      .query(true)
      .reply(200, page([available('+14155550150', 'San Francisco', 'CA')], 'x'));
    await expect(twilio.searchAvailableNumbers({ country: 'US', limit: 1 })).resolves.toEqual([{ e164: '+14155550150', locality: 'San Francisco', region: 'CA' }]);
    scope.done();
    expect(h.timing.sleeps).toEqual([1000]);
  });
});
