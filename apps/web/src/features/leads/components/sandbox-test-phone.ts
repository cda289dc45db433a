/**
 * The sandbox's test numbers: fictional 555-01XX lines (the Vapi simulator completes a call to any
 * number not ending in 0001–0004) in US cities across the time zones, so that a test lead can be
 * called now: the compliance engine allows calls 8 am–9 pm at the lead's location only.
 */
export const SANDBOX_TEST_PLACES = [
  { areaCode: '212', timeZone: 'America/New_York', city: 'New York' },
  { areaCode: '312', timeZone: 'America/Chicago', city: 'Chicago' },
  { areaCode: '303', timeZone: 'America/Denver', city: 'Denver' },
  { areaCode: '415', timeZone: 'America/Los_Angeles', city: 'San Francisco' },
  { areaCode: '808', timeZone: 'Pacific/Honolulu', city: 'Honolulu' },
] as const;

/** Minutes since local midnight in `timeZone`. */
export function localMinutes(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const value = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}

export interface SandboxTestPhone {
  e164: string;
  city: string;
  /** "2:15 PM" there. */
  localTime: string;
  /** Inside 9 am–8 pm there (an hour inside the federal window either side): the call is placed at once. */
  callableNow: boolean;
}

/** A test number where it is daytime now (nearest 2 pm), or New York's when it is night everywhere we call. */
export function sandboxTestPhone(now: Date = new Date(), line = '0142'): SandboxTestPhone {
  const scored = SANDBOX_TEST_PLACES.map((place) => ({ place, minutes: localMinutes(now, place.timeZone) }))
    .filter(({ minutes }) => minutes >= 9 * 60 && minutes < 20 * 60)
    .sort((a, b) => Math.abs(a.minutes - 14 * 60) - Math.abs(b.minutes - 14 * 60));
  const chosen = scored[0]?.place ?? SANDBOX_TEST_PLACES[0];
  return {
    e164: `+1${chosen.areaCode}555${line}`,
    city: chosen.city,
    localTime: new Intl.DateTimeFormat('en-US', { timeZone: chosen.timeZone, hour: 'numeric', minute: '2-digit' }).format(now),
    callableNow: scored.length > 0,
  };
}
