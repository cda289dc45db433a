import { parseEnv } from '../config/env.schema';
import { clockFromConfig, OffsetClock, SystemClock } from './clock';

describe('the clock from the configuration', () => {
  it('is the system clock without an offset, and runs ahead by the offset with one', () => {
    expect(clockFromConfig(0)).toBeInstanceOf(SystemClock);
    const clock = clockFromConfig(5 * 3600_000);
    expect(clock).toBeInstanceOf(OffsetClock);
    const ahead = clock.now().getTime() - Date.now();
    expect(ahead).toBeGreaterThan(5 * 3600_000 - 1000);
    expect(ahead).toBeLessThanOrEqual(5 * 3600_000);
  });

  it('refuses an offset in production: it is for browser tests only', () => {
    const production = { NODE_ENV: 'production', PROVIDERS: 'sandbox', SESSION_SECRET: 'a-production-secret-of-at-least-32-characters!' };
    expect(() => parseEnv({ ...production, CLOCK_OFFSET_MS: '3600000' })).toThrow(/CLOCK_OFFSET_MS: is for tests/);
    expect(parseEnv({ ...production }).CLOCK_OFFSET_MS).toBe(0);
    expect(parseEnv({ NODE_ENV: 'test', CLOCK_OFFSET_MS: '3600000' }).CLOCK_OFFSET_MS).toBe(3600000);
  });
});
