/**
 * The browser tests' clock. A lead may be called only 8 am–9 pm at its location, and from about
 * 07:00 to 12:30 UTC it is night in every US and Canadian time zone: a test run then could only
 * see leads deferred. So, when it is night everywhere, the whole run is shifted to 18:00 UTC the
 * same day (afternoon across the US): the server's clock (CLOCK_OFFSET_MS, honoured outside
 * production only) and every browser context's (Playwright's clock, installed by the `test` of
 * support.ts) move together, and timers keep running at their normal pace. The offset is computed
 * once, in the process that loads the config first, and handed to the others in the environment.
 */
const OFFSET_ENV = 'E2E_CLOCK_OFFSET_MS';

/** 9 am–8 pm somewhere in Eastern … Hawaii time: calling hours are open for a lead there. */
function daytimeSomewhereInTheUs(now: Date): boolean {
  return ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'Pacific/Honolulu'].some((timeZone) => {
    const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now));
    return hour >= 9 && hour < 20;
  });
}

export function e2eClockOffsetMs(): number {
  const given = process.env[OFFSET_ENV];
  if (given !== undefined && given !== '') return Number(given);
  const now = new Date();
  let offset = 0;
  if (!daytimeSomewhereInTheUs(now)) {
    const target = new Date(now);
    target.setUTCHours(18, 0, 0, 0);
    offset = target.getTime() - now.getTime();
  }
  process.env[OFFSET_ENV] = String(offset);
  return offset;
}
