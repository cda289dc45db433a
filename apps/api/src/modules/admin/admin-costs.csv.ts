import type { AdminBusinessMargin, ProviderCostRow } from '@beaker/contracts';

const PROVIDER_COLUMNS: (keyof ProviderCostRow)[] = ['day', 'provider', 'calls', 'costUsd'];
const BUSINESS_COLUMNS: (keyof AdminBusinessMargin)[] = ['businessId', 'businessName', 'plan', 'status', 'invoices', 'revenueUsd', 'calls', 'costUsd', 'marginUsd'];

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A business name is typed by a customer: a leading = + - @ would be a formula in a spreadsheet.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv<T>(columns: (keyof T)[], rows: readonly T[]): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** RFC 4180 CSV (CRLF line ends) of a cost report, with a header row. */
export function providerCostsCsv(rows: readonly ProviderCostRow[]): string {
  return csv(PROVIDER_COLUMNS, rows);
}

export function businessMarginsCsv(rows: readonly AdminBusinessMargin[]): string {
  return csv(BUSINESS_COLUMNS, rows);
}
