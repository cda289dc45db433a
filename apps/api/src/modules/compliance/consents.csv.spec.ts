import type { ConsentRecord } from '@beaker/contracts';
import { consentRecordsCsv } from './consents.csv';

const record: ConsentRecord = {
  id: '6f1c2a8e-8a59-4f3e-9a55-2f6d1c1b0a01',
  phone: '+14155550123',
  businessId: '0b7e5d2c-1111-4a2b-8c3d-4e5f6a7b8c9d',
  trialId: null,
  leadId: null,
  callId: null,
  kind: 'grant',
  method: 'web_form',
  purpose: 'speed_to_lead',
  consentText: 'By submitting, I agree that "Cool Air" may call me,\nincluding with an AI voice.',
  consentTextHash: 'abc',
  consentVersion: 'v3',
  capturedAt: '2026-01-05T15:00:00.000Z',
  ip: '203.0.113.5',
  userAgent: '=HYPERLINK("x")',
  pageUrl: 'https://coolair.example/quote',
  formId: 'quote-form',
  createdAt: '2026-01-05T15:00:01.000Z',
};

describe('consentRecordsCsv', () => {
  it('writes a header and one RFC 4180 row per record, quoting commas, quotes and line breaks', () => {
    const csv = consentRecordsCsv([record]);
    const [header, row] = csv.split('\r\n');
    expect(header.split(',')[0]).toBe('id');
    expect(csv).toContain('"By submitting, I agree that ""Cool Air"" may call me,\nincluding with an AI voice."');
    expect(row.startsWith(`${record.id},+14155550123,grant,web_form,speed_to_lead,`)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('defuses spreadsheet formulas in free text but leaves phone numbers alone', () => {
    const csv = consentRecordsCsv([record]);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain(',+14155550123,');
  });
});
