import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { InvalidEnvironmentError } from './config/env.schema';
import { DailySnapshots } from './modules/analytics';

const USAGE = 'usage: npm run analytics:backfill -- --from YYYY-MM-DD';

/** The day after `--from` on the command line (YYYY-MM-DD), or null. */
export function fromArgument(argv: string[]): string | null {
  const i = argv.indexOf('--from');
  const value = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--from='))?.slice('--from='.length);
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : null;
}

/**
 * `node dist/apps/api/analytics-backfill.js --from 2026-01-01`: rebuilds every business's daily
 * snapshots (each in its own time zone) and the global ones, from that day to yesterday, with the
 * application's own services (no workers, no HTTP). Safe to run again: each day is replaced.
 */
async function main(): Promise<void> {
  const from = fromArgument(process.argv.slice(2));
  if (!from) throw new Error(USAGE);
  const config = AppConfig.fromEnv();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, { role: 'worker' }), { logger: ['error', 'warn'], abortOnError: false });
  try {
    const started = Date.now();
    const done = await app.get(DailySnapshots).rebuild(from);
    console.log(`Rebuilt ${done.businessDays} business-days and ${done.globalDays} global days from ${from} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof InvalidEnvironmentError ? err.message : err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
