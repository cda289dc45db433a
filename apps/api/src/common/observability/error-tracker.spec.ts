import { AppConfig } from '../../config/app-config';
import { BurstAlert, ErrorTracker } from './error-tracker';

describe('BurstAlert', () => {
  it('reports once when a minute holds the threshold, then not again until the next minute', () => {
    const reports: number[] = [];
    const alert = new BurstAlert(3, (count) => reports.push(count));
    const t0 = 1_000_000;
    alert.record(t0);
    alert.record(t0 + 1000);
    expect(reports).toEqual([]);
    alert.record(t0 + 2000);
    expect(reports).toEqual([3]);
    for (let i = 0; i < 100; i++) alert.record(t0 + 3000 + i);
    expect(reports).toEqual([3]);
    // A new minute: counting starts again.
    alert.record(t0 + 61_000);
    alert.record(t0 + 61_001);
    expect(reports).toEqual([3]);
    alert.record(t0 + 61_002);
    expect(reports).toEqual([3, 3]);
  });

  it('does not report a trickle that never reaches the threshold within a minute', () => {
    const reports: number[] = [];
    const alert = new BurstAlert(3, (count) => reports.push(count));
    for (let i = 0; i < 10; i++) alert.record(i * 30_001);
    expect(reports).toEqual([]);
  });
});

describe('ErrorTracker', () => {
  it('is disabled, and sends nothing, without SENTRY_DSN', async () => {
    const tracker = ErrorTracker.fromConfig(AppConfig.fromEnv({ NODE_ENV: 'test' }), 'beaker-api');
    expect(tracker.enabled).toBe(false);
    tracker.captureException(new Error('x'));
    tracker.captureMessage('y', 'error');
    await expect(tracker.flush()).resolves.toBe(true);
  });
});
