import { IANAZone } from 'luxon';

/**
 * UTC offsets of IANA zones, as tables of constant-offset segments.
 *
 * Asking luxon (Intl underneath) for an offset costs microseconds; the engine needs it many
 * times per evaluation. So each zone's offsets are computed once per year — sampled daily, each
 * change pinned to the minute by bisection — and looked up afterwards by arithmetic.
 * Assumes a zone changes offset at most once a day, which holds for every North American zone.
 */

/** A span of UTC minutes [start, end) during which the zone's offset is constant. */
export interface OffsetSegment {
  readonly start: number;
  readonly end: number;
  /** Minutes to add to UTC to read the local wall clock. */
  readonly offset: number;
}

const MS_PER_MINUTE = 60_000;

function yearStartMinute(year: number): number {
  return Date.UTC(year, 0, 1) / MS_PER_MINUTE;
}

export class ZoneClock {
  private readonly segmentsByYear = new Map<number, readonly OffsetSegment[]>();
  private last: OffsetSegment | undefined;

  constructor(
    readonly name: string,
    private readonly zone: IANAZone,
  ) {}

  /** The constant-offset segment containing UTC minute `minute`. */
  segmentAt(minute: number): OffsetSegment {
    const last = this.last;
    if (last && minute >= last.start && minute < last.end) return last;
    const year = new Date(minute * MS_PER_MINUTE).getUTCFullYear();
    for (const segment of this.segmentsOf(year)) {
      if (minute < segment.end) {
        this.last = segment;
        return segment;
      }
    }
    throw new Error(`no offset segment for ${this.name} at minute ${minute}`);
  }

  private offsetAt(minute: number): number {
    return this.zone.offset(minute * MS_PER_MINUTE);
  }

  private segmentsOf(year: number): readonly OffsetSegment[] {
    const cached = this.segmentsByYear.get(year);
    if (cached) return cached;
    const start = yearStartMinute(year);
    const end = yearStartMinute(year + 1);
    const segments: OffsetSegment[] = [];
    let segmentStart = start;
    let previousMinute = start;
    let previousOffset = this.offsetAt(start);
    const step = 1440;
    for (let sample = start + step; ; sample += step) {
      const minute = Math.min(sample, end - 1);
      const offset = this.offsetAt(minute);
      if (offset !== previousOffset) {
        // Bisect to the first minute carrying the new offset.
        let low = previousMinute;
        let high = minute;
        while (high - low > 1) {
          const middle = Math.floor((low + high) / 2);
          if (this.offsetAt(middle) === previousOffset) low = middle;
          else high = middle;
        }
        segments.push({ start: segmentStart, end: high, offset: previousOffset });
        segmentStart = high;
      }
      previousMinute = minute;
      previousOffset = offset;
      if (minute >= end - 1) break;
    }
    segments.push({ start: segmentStart, end, offset: previousOffset });
    this.segmentsByYear.set(year, segments);
    return segments;
  }
}

const clocks = new Map<string, ZoneClock | null>();

/** The clock of an IANA zone, or null when the name is not a valid zone. */
export function zoneClock(name: string): ZoneClock | null {
  let clock = clocks.get(name);
  if (clock === undefined) {
    clock = IANAZone.isValidZone(name) ? new ZoneClock(name, IANAZone.create(name)) : null;
    clocks.set(name, clock);
  }
  return clock;
}
