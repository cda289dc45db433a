/** The time source. Services take it by injection so that tests can control time. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** The system clock shifted by a fixed amount (CLOCK_OFFSET_MS: browser tests only). */
export class OffsetClock extends Clock {
  constructor(readonly offsetMs: number) {
    super();
  }
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** The process's clock from its configuration: the system's, or shifted for browser tests. */
export function clockFromConfig(offsetMs: number): Clock {
  return offsetMs === 0 ? new SystemClock() : new OffsetClock(offsetMs);
}

/** A clock the test moves by hand. */
export class ManualClock extends Clock {
  constructor(private current: Date = new Date()) {
    super();
  }
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date): void {
    this.current = new Date(at.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
