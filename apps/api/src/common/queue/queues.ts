/**
 * One queue per module that has jobs, named after it (kebab-case). Each queue is in a tier, and
 * its workers' concurrency is the tier's share of WORKER_CONCURRENCY: critical : default : low =
 * 3 : 2 : 1 (see {@link concurrencyOf}). Queues of different tiers never wait for each other: a
 * flood of cleanup jobs cannot hold up a provider webhook.
 */
export enum QueueName {
  /** Provider webhooks: process stored events, sweep lost ones. */
  Webhooks = 'webhooks',
  /** Call reconciliation. */
  Calls = 'calls',
  /** Speed-to-lead: calling leads (at once, at the lawful minute, the retries), telling owners, the sweeper. */
  Leads = 'leads',
  /** Going live: provisioning, billing notices. */
  Businesses = 'businesses',
  /** Trial expiry. */
  Trials = 'trials',
  /** Pruning what is past its retention period (every module's tables, through their services). */
  Retention = 'retention',
  /** The worker's heartbeat. */
  Health = 'health',
  /** Outbound webhooks: deliveries to the businesses' endpoints, their retries, the sweeper, disabled-endpoint notices. */
  OutboundWebhooks = 'outbound-webhooks',
  /** Daily snapshots (analytics). */
  Analytics = 'analytics',
  /** The provider simulators' own work (sandbox mode only). */
  Sandbox = 'sandbox',
}

export type QueueTier = 'critical' | 'default' | 'low';

export const QUEUE_TIERS: Record<QueueName, QueueTier> = {
  [QueueName.Webhooks]: 'critical',
  // A new lead is called within seconds: the same tier as the provider events.
  [QueueName.Leads]: 'critical',
  [QueueName.Calls]: 'default',
  // Someone else's server, up to 10 s an attempt: kept apart from our own critical work.
  [QueueName.OutboundWebhooks]: 'default',
  [QueueName.Businesses]: 'default',
  [QueueName.Sandbox]: 'default',
  [QueueName.Trials]: 'low',
  [QueueName.Retention]: 'low',
  [QueueName.Health]: 'low',
  [QueueName.Analytics]: 'low',
};

export const TIER_WEIGHTS: Record<QueueTier, number> = { critical: 3, default: 2, low: 1 };
const TOTAL_WEIGHT = TIER_WEIGHTS.critical + TIER_WEIGHTS.default + TIER_WEIGHTS.low;

/**
 * Jobs one worker process runs at once on a queue: its tier's share of WORKER_CONCURRENCY, at least
 * one (times WAITING_QUEUES' factor). With the default of 20: critical 10, default 7, low 3 (outbound webhooks 28).
 */
export function concurrencyOf(queue: QueueName, workerConcurrency: number): number {
  return Math.max(1, Math.round((workerConcurrency * TIER_WEIGHTS[QUEUE_TIERS[queue]]) / TOTAL_WEIGHT)) * (WAITING_QUEUES[queue] ?? 1);
}

/**
 * Queues whose jobs spend their time waiting on someone else's server rather than on our CPU or
 * database (an outbound webhook waits up to 10 s for an integrator's endpoint): they run this many
 * times their tier's share, so that a few slow endpoints do not hold up every other delivery.
 */
export const WAITING_QUEUES: Partial<Record<QueueName, number>> = { [QueueName.OutboundWebhooks]: 4 };

/** Queues that exist only with the provider simulators. */
const SANDBOX_QUEUES: ReadonlySet<QueueName> = new Set([QueueName.Sandbox]);

/** The queues of a process in this provider mode. */
export function queuesFor(mode: { sandbox: boolean }): QueueName[] {
  return Object.values(QueueName).filter((queue) => mode.sandbox || !SANDBOX_QUEUES.has(queue));
}
