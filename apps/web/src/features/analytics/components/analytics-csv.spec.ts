import type { BusinessAnalytics } from '@beaker/contracts';
import { describe, expect, it } from 'vitest';
import { analyticsCsv, analyticsCsvName } from './analytics-csv';

const tile = { value: 0, previous: 0, change: null };
const data: BusinessAnalytics = {
  businessId: 'b',
  timeZone: 'UTC',
  from: '2026-03-02',
  to: '2026-03-03',
  interval: 'day',
  tiles: { calls: tile, leads: tile, answeredRate: tile, minutes: tile, timeToCall: tile },
  series: [
    { start: '2026-03-02', calls: 3, inbound: 2, outboundLead: 1, answered: 2, ended: 3, minutes: 4.5, leads: 1, timeToCallP50Seconds: 12.5, timeToCallP90Seconds: 30 },
    { start: '2026-03-03', calls: 0, inbound: 0, outboundLead: 0, answered: 0, ended: 0, minutes: 0, leads: 0, timeToCallP50Seconds: null, timeToCallP90Seconds: null },
  ],
};

describe('analytics CSV', () => {
  it('writes a header and one row per point, empty cells for missing figures', () => {
    expect(analyticsCsv(data).split('\r\n')).toEqual([
      'period start,calls,inbound,outbound to leads,answered,ended,minutes,leads,time to call p50 (s),time to call p90 (s)',
      '2026-03-02,3,2,1,2,3,4.5,1,12.5,30',
      '2026-03-03,0,0,0,0,0,0,0,,',
      '',
    ]);
    expect(analyticsCsvName(data)).toBe('analytics-2026-03-02-to-2026-03-03-by-day.csv');
  });
});
