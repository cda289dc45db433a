import type { BusinessAnalytics } from '@beaker/contracts';

const COLUMNS = ['start', 'calls', 'inbound', 'outboundLead', 'answered', 'ended', 'minutes', 'leads', 'timeToCallP50Seconds', 'timeToCallP90Seconds'] as const;
const HEADER = ['period start', 'calls', 'inbound', 'outbound to leads', 'answered', 'ended', 'minutes', 'leads', 'time to call p50 (s)', 'time to call p90 (s)'];

/** The chart's points as CSV (RFC 4180, CRLF), one row per day or week; an empty figure stays empty. */
export function analyticsCsv(data: BusinessAnalytics): string {
  const rows = data.series.map((point) => COLUMNS.map((column) => (point[column] === null ? '' : String(point[column]))));
  return [HEADER, ...rows].map((row) => row.join(',')).join('\r\n') + '\r\n';
}

/** The file name of an export: the business's range and grouping. */
export function analyticsCsvName(data: BusinessAnalytics): string {
  return `analytics-${data.from}-to-${data.to}-by-${data.interval}.csv`;
}
