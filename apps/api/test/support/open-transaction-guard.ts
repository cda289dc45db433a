import { Client } from 'pg';
import type { INestApplicationContext } from '@nestjs/common';
import { BillingPort } from '../../src/integrations/stripe/stripe.port';
import { TelephonyPort } from '../../src/integrations/twilio/twilio.port';
import { VoiceAgentPort } from '../../src/integrations/vapi/vapi.port';

/**
 * Every method of every port: a record over `keyof` each port, so a method added to a port does not
 * compile until it is listed here (and guarded).
 */
const PORT_METHODS = {
  BillingPort: { port: BillingPort, methods: { createCheckoutSession: true, createPortalSession: true, getSubscription: true, resumeSubscription: true } satisfies Record<keyof BillingPort, true> },
  VoiceAgentPort: {
    port: VoiceAgentPort,
    methods: { createAssistant: true, updateAssistant: true, deleteAssistant: true, placeCall: true, getCall: true, importPhoneNumber: true } satisfies Record<keyof VoiceAgentPort, true>,
  },
  TelephonyPort: { port: TelephonyPort, methods: { sendSms: true, searchAvailableNumbers: true, buyNumber: true, releaseNumber: true } satisfies Record<keyof TelephonyPort, true> },
};

/** How long a port call is held before the look: a transaction waiting on it is idle for that long. */
const HOLD_MS = 250;
/** Idle in a transaction for longer than this: waiting on something outside Postgres (not between two statements). */
const IDLE_MS = 150;

export interface OpenTransactionGuard {
  /** `Port.method` of every call made, in order. */
  calls: string[];
  /** Each call made while one of the app's connections sat idle in an open transaction, with that transaction's last statement. */
  violations: string[];
  close(): Promise<void>;
}

/**
 * A test double at the provider edge: every method of the app's port instances (VoiceAgentPort,
 * BillingPort, TelephonyPort: the objects its services hold) first waits HOLD_MS, then asks
 * Postgres, from a connection of its own, whether any connection to the app's database has sat
 * `idle in transaction` for longer than IDLE_MS — that is, whether a transaction stays open
 * while the provider is being called — and only then calls the real method.
 */
export async function guardPortsAgainstOpenTransactions(app: INestApplicationContext, databaseUrl: string): Promise<OpenTransactionGuard> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  const calls: string[] = [];
  const violations: string[] = [];
  for (const [portName, { port: token, methods }] of Object.entries(PORT_METHODS)) {
    // The instance every service was given (the sandbox simulator, or the live adapter).
    const port = app.get<object>(token);
    const target = port as Record<string, unknown>;
    for (const method of Object.keys(methods)) {
      const original = target[method] as (...args: unknown[]) => unknown;
      target[method] = async (...args: unknown[]) => {
        const name = `${portName}.${method}`;
        calls.push(name);
        await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
        const { rows } = await pg.query<{ pid: number; query: string }>(
          `SELECT pid, left(query, 160) AS query FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
              AND state = 'idle in transaction' AND state_change < clock_timestamp() - make_interval(secs => $1::double precision / 1000)`,
          [IDLE_MS],
        );
        for (const row of rows) violations.push(`${name} called while connection ${row.pid} was idle in a transaction (last statement: ${row.query})`);
        return original.apply(port, args);
      };
    }
  }
  return { calls, violations, close: () => pg.end() };
}
