// Makes sure Postgres and Redis answer: starts local servers from installed binaries when they
// do not, or says exactly what to run. Never hangs, never prints a stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { canConnect, hostPort, root, waitFor, which } from './lib.mjs';

const LOCAL = new Set(['127.0.0.1', 'localhost', '::1']);

function tryStartPostgres(port) {
  // Debian/Ubuntu cluster tools first (what this project's machines have).
  if (which('pg_ctlcluster') && existsSync('/etc/postgresql')) {
    for (const version of readdirSync('/etc/postgresql')) {
      spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'ignore' });
    }
    return true;
  }
  // Otherwise a private data directory under .tmp/ with the binaries on PATH.
  const initdb = which('initdb');
  const pgCtl = which('pg_ctl');
  if (!initdb || !pgCtl) return false;
  const dataDir = `${root}.tmp/pgdata`;
  if (!existsSync(`${dataDir}/PG_VERSION`)) {
    mkdirSync(dataDir, { recursive: true });
    spawnSync(initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust'], { stdio: 'ignore' });
  }
  spawnSync(pgCtl, ['-D', dataDir, '-o', `-p ${port} -k /tmp`, '-l', `${root}.tmp/postgres.log`, 'start'], { stdio: 'ignore' });
  return true;
}

function tryStartRedis(port) {
  const redis = which('redis-server');
  if (!redis) return false;
  spawnSync(redis, ['--daemonize', 'yes', '--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  return true;
}

async function ensure(name, url, defaultPort, start, advice) {
  const { host, port } = hostPort(url, defaultPort);
  if (await canConnect(host, port)) return true;
  if (LOCAL.has(host) && start(port)) {
    console.log(`${name} was not running on ${host}:${port}; starting it from the installed binaries…`);
    if (await waitFor(() => canConnect(host, port), 20000)) return true;
  }
  console.error(`\n${name} is not reachable at ${host}:${port}.\n${advice(port)}\n`);
  return false;
}

export async function ensureServices(env = process.env) {
  const dbUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/beaker';
  const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const pg = await ensure('PostgreSQL', dbUrl, 5432, tryStartPostgres, (port) =>
    [
      'Start one, then run the command again:',
      `  docker compose up -d postgres            (Docker), or`,
      `  sudo apt-get install -y postgresql && sudo pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
      `or point DATABASE_URL at a server you have (default postgres://postgres@127.0.0.1:${port}/beaker).`,
    ].join('\n'),
  );
  const redis = await ensure('Redis', redisUrl, 6379, tryStartRedis, (port) =>
    [
      'Start one, then run the command again:',
      `  docker compose up -d redis               (Docker), or`,
      `  sudo apt-get install -y redis-server && redis-server --daemonize yes --port ${port} --save ''`,
      `or point REDIS_URL at a server you have (default redis://127.0.0.1:${port}).`,
    ].join('\n'),
  );
  return pg && redis;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureServices().then((ok) => process.exit(ok ? 0 : 1));
}
