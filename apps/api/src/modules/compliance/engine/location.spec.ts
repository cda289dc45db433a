import { IANAZone } from 'luxon';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { AREA_CODES, REGION_TIMEZONES } from './data/area-codes';
import { regionsForPostalCode } from './data/zip-prefixes';
import { locateCalledParty, parseCalledNumber } from './location';

/** NANP codes libphonenumber accepts that are not tied to a place (toll-free, 5XX, 600, 900 …). */
const NON_GEOGRAPHIC = new Set([
  '500', '521', '522', '523', '524', '525', '526', '527', '528', '529', '532', '533', '544', '566', '577', '588',
  '600', '622', '633', '800', '833', '844', '855', '866', '877', '888', '900',
]);
const US_TERRITORIES = new Set(['PR', 'VI', 'GU', 'MP', 'AS']);

/** The country libphonenumber says an area code belongs to, probing a few subscriber numbers. */
function libphonenumberCountry(areaCode: string): string | undefined {
  for (const subscriber of ['2345678', '5550123', '7654321', '2584567']) {
    const parsed = parsePhoneNumberFromString(`+1${areaCode}${subscriber}`);
    if (parsed?.isValid() && parsed.country) return parsed.country;
  }
  return undefined;
}

describe('area code table (NANPA assignments)', () => {
  const libphonenumberCodes = new Map<string, string>();
  for (let code = 200; code <= 999; code++) {
    const country = libphonenumberCountry(String(code));
    if (country === 'US' || country === 'CA' || (country && US_TERRITORIES.has(country))) {
      libphonenumberCodes.set(String(code), country);
    }
  }

  it('covers every geographic US and Canadian area code libphonenumber-js knows', () => {
    const missing = [...libphonenumberCodes.keys()].filter((code) => !NON_GEOGRAPHIC.has(code) && !AREA_CODES.has(code));
    expect(missing).toEqual([]);
  });

  it('agrees with libphonenumber-js on the country of each area code', () => {
    const disagreements = [...AREA_CODES].filter(([code, entry]) => {
      const country = libphonenumberCodes.get(code);
      const expected = country && US_TERRITORIES.has(country) ? 'US' : country;
      return expected !== entry.country;
    });
    expect(disagreements.map(([code]) => code)).toEqual([]);
  });

  it('names only valid IANA zones', () => {
    const zones = new Set([...AREA_CODES.values()].flatMap((entry) => entry.timezones));
    expect([...zones].filter((zone) => !IANAZone.isValidZone(zone))).toEqual([]);
  });

  it('has area codes for all 50 states, DC and every province and territory', () => {
    const regions = [
      ...'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(' '),
      ...'BC AB SK MB ON QC NB NS PE NL YT NT NU'.split(' '),
    ];
    expect(regions.filter((region) => !REGION_TIMEZONES.has(region))).toEqual([]);
  });

  it.each([
    ['850', ['FL'], ['America/Chicago', 'America/New_York']],
    ['208', ['ID'], ['America/Boise', 'America/Los_Angeles']],
    ['907', ['AK'], ['America/Adak', 'America/Anchorage']],
    ['928', ['AZ'], ['America/Denver', 'America/Phoenix']],
    ['812', ['IN'], ['America/Chicago', 'America/Indiana/Indianapolis']],
    ['305', ['FL'], ['America/New_York']],
    ['902', ['NS', 'PE'], ['America/Halifax']],
  ])('area code %s is in %j across every zone it spans', (code, regions, zones) => {
    const entry = AREA_CODES.get(code);
    expect(entry?.regions).toEqual(regions);
    expect([...(entry?.timezones ?? [])].sort()).toEqual(zones);
  });
});

describe('ZIP prefix table (USPS 3-digit prefixes)', () => {
  it.each([
    ['94107', ['CA']],
    ['33101', ['FL']],
    ['02903', ['RI']],
    ['20500', ['DC']],
    ['35203-1234', ['AL']],
    ['70112', ['LA']],
    ['73301', ['TX']],
    ['73102', ['OK']],
    ['00901', ['PR']],
    ['99501', ['AK']],
    ['K1A 0B1', ['ON']],
    ['v6b1a1', ['BC']],
    ['09012', []],
    ['96950', []],
    ['123', []],
    ['not a zip', []],
  ])('%s → %j', (zip, regions) => {
    expect(regionsForPostalCode(zip)).toEqual(regions);
  });
});

describe('parseCalledNumber', () => {
  it('reads the area code of a valid US number', () => {
    expect(parseCalledNumber('+14155550123')).toEqual({ country: 'US', areaCode: '415' });
  });

  it('keeps US territories in scope under their own region', () => {
    expect(parseCalledNumber('+17875550123')).toEqual({ country: 'PR', areaCode: '787' });
  });

  it.each(['+1415555012', '4155550123', '+1 415 555 0123', '+12995550123', ''])('rejects %j as invalid', (to) => {
    expect(parseCalledNumber(to)).toBe('invalid');
  });

  it.each(['+442071838750', '+18765550123'])('rejects %s as outside the US and Canada', (to) => {
    expect(parseCalledNumber(to)).toBe('out_of_scope');
  });
});

describe('locateCalledParty', () => {
  it('adds the lead state and its zones to the area code', () => {
    const place = locateCalledParty({ country: 'US', areaCode: '212' }, { state: 'ca' });
    expect(place.states).toEqual(['CA', 'NY']);
    expect(place.timezones).toEqual(['America/Los_Angeles', 'America/New_York']);
    expect(place.known).toBe(true);
  });

  it('adds the state of the lead ZIP', () => {
    const place = locateCalledParty({ country: 'US', areaCode: '212' }, { zip: '02903' });
    expect(place.states).toEqual(['NY', 'RI']);
    expect(place.jurisdictions.map((j) => j.jurisdiction)).toEqual(['federal', 'RI']);
  });

  it('applies every state rule across the contiguous zones when the area code is unknown', () => {
    const place = locateCalledParty({ country: 'US', areaCode: '800' });
    expect(place.known).toBe(false);
    expect(place.timezones).toEqual(['America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/New_York', 'America/Phoenix']);
    expect(place.jurisdictions.map((j) => j.jurisdiction)).toEqual(['federal', 'AL', 'FL', 'LA', 'MD', 'MS', 'OK', 'RI', 'WA']);
    expect(place.recordingDisclosure).toBe(true);
  });

  it('applies the CRTC rules to Canadian numbers', () => {
    const place = locateCalledParty({ country: 'CA', areaCode: '416' });
    expect(place.jurisdictions.map((j) => j.jurisdiction)).toEqual(['federal', 'crtc']);
    expect(place.recordingDisclosure).toBe(false);
  });
});
