import 'reflect-metadata';
import { InvalidEnvironmentError, parseEnv } from '../config/env.schema';
import { createDataSource } from './data-source';
import { ensureDatabaseExists } from './ensure-database';

/** `node dist/apps/api/database/cli.js migrate|revert|show` */
async function main(): Promise<void> {
  const command = process.argv[2] ?? 'migrate';
  const env = parseEnv(process.env);
  await ensureDatabaseExists(env.DATABASE_URL);
  const ds = createDataSource(env.DATABASE_URL);
  await ds.initialize();
  try {
    if (command === 'migrate') {
      const ran = await ds.runMigrations({ transaction: 'each' });
      console.log(ran.length ? `Applied ${ran.map((m) => m.name).join(', ')}` : 'Database is up to date.');
    } else if (command === 'revert') {
      await ds.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration.');
    } else if (command === 'show') {
      const pending = await ds.showMigrations();
      console.log(pending ? 'There are pending migrations.' : 'No pending migrations.');
    } else {
      throw new Error(`Unknown command ${command}: use migrate, revert or show`);
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof InvalidEnvironmentError ? err.message : `Database command failed: ${(err as Error).message}`);
  process.exit(1);
});
