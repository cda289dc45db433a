import type { ConsentRecord } from '@beaker/contracts';

const COLUMNS: (keyof ConsentRecord)[] = [
  'id',
  'phone',
  'kind',
  'method',
  'purpose',
  'capturedAt',
  'consentVersion',
  'consentTextHash',
  'consentText',
  'ip',
  'userAgent',
  'pageUrl',
  'formId',
  'businessId',
  'trialId',
  'leadId',
  'callId',
  'createdAt',
];

/** Free text a person or a page supplied: a leading = + - @ would be a formula in a spreadsheet. */
const FREE_TEXT = new Set<keyof ConsentRecord>(['consentText', 'userAgent', 'pageUrl', 'formId', 'consentVersion']);

function cell(column: keyof ConsentRecord, value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FREE_TEXT.has(column) && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV (CRLF line ends), one row per ledger record, with a header row. */
export function consentRecordsCsv(records: readonly ConsentRecord[]): string {
  const lines = [COLUMNS.join(',')];
  for (const record of records) lines.push(COLUMNS.map((c) => cell(c, record[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
