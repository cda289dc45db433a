import { QueueName } from './queue-names';

/**
 * Every job the product runs: one name, one typed payload, one queue, exactly one handler
 * (a method decorated with @JobHandler(name)). The worker refuses to start otherwise.
 * Add a job by adding it to JobName, JobPayloads and JOB_QUEUES.
 */
export enum JobName {
  /** Deletes spent sign-in links and long-dead sessions (auth). */
  AuthCleanup = 'auth-cleanup',
  /** A smoke job that proves the worker is alive; used by the health and integration tests. */
  Ping = 'ping',
  /** Sandbox Vapi: the next event of a simulated call (status-update … end-of-call-report). */
  SandboxVapiCallStep = 'sandbox-vapi-call-step',
  /** One stored provider webhook event to process (jobId = the event row id). */
  ProcessWebhookEvent = 'process-webhook-event',
  /** Re-enqueues webhook events left pending (Redis was down) or stuck in processing. */
  SweepWebhookEvents = 'sweep-webhook-events',
  /** Asks the voice provider about calls that have not ended 10 minutes after they were placed. */
  ReconcileCalls = 'reconcile-calls',
  /** A call the compliance engine deferred: checked again at its nextAllowedAt, then handed back to its owner (jobId keyed by owner and time). */
  DeferredCall = 'compliance-deferred-call',
  /** Marks trials whose 48 hours are over as expired (trials). */
  ExpireTrials = 'expire-trials',
  /** One step of a new business's setup: its assistant, its number, the number wired to Vapi (businesses; jobId provision-<business>-<step>). */
  ProvisionBusiness = 'provision-business',
  /** Emails a business's owners that a renewal payment failed (businesses; jobId payment-failed-<invoice>-<attempt>). */
  NotifyPaymentFailed = 'notify-payment-failed',
}

/**
 * Jobs that exist only with PROVIDERS=sandbox: their handlers live in the SandboxModule, which live
 * mode does not import. The worker expects exactly one handler for each job of its mode (jobsFor).
 */
export const SANDBOX_ONLY_JOBS: readonly JobName[] = [JobName.SandboxVapiCallStep];

/** The jobs that exist in a mode: each needs exactly one handler there, and no other job may have one. */
export function jobsFor(mode: { isSandbox: boolean }): JobName[] {
  return Object.values(JobName).filter((name) => mode.isSandbox || !SANDBOX_ONLY_JOBS.includes(name));
}

export interface JobPayloads {
  [JobName.AuthCleanup]: Record<string, never>;
  /** holdMs: simulated work, to watch in-flight jobs across a shutdown. */
  [JobName.Ping]: { at: string; holdMs?: number };
  [JobName.SandboxVapiCallStep]: { providerCallId: string; step: number };
  [JobName.ProcessWebhookEvent]: { webhookEventId: string };
  [JobName.SweepWebhookEvents]: Record<string, never>;
  [JobName.ReconcileCalls]: Record<string, never>;
  /** decisionId: the deferring decision; deferrals: how many times this call was deferred already. */
  [JobName.DeferredCall]: { decisionId: string; deferrals: number };
  [JobName.ExpireTrials]: Record<string, never>;
  [JobName.ProvisionBusiness]: { businessId: string; step: 'assistant' | 'number' | 'connect' };
  [JobName.NotifyPaymentFailed]: { businessId: string; invoiceId: string; attempt: number };
}

export const JOB_QUEUES: Record<JobName, QueueName> = {
  [JobName.AuthCleanup]: QueueName.Low,
  [JobName.Ping]: QueueName.Low,
  [JobName.SandboxVapiCallStep]: QueueName.Default,
  [JobName.ProcessWebhookEvent]: QueueName.Critical,
  [JobName.SweepWebhookEvents]: QueueName.Critical,
  [JobName.ReconcileCalls]: QueueName.Default,
  [JobName.DeferredCall]: QueueName.Default,
  [JobName.ExpireTrials]: QueueName.Low,
  [JobName.ProvisionBusiness]: QueueName.Default,
  [JobName.NotifyPaymentFailed]: QueueName.Default,
};

/** Repeating jobs the worker schedules at start-up (idempotent: keyed by name). */
export const SCHEDULED_JOBS: { name: JobName; everyMs: number; payload: () => unknown }[] = [
  { name: JobName.AuthCleanup, everyMs: 3600 * 1000, payload: () => ({}) },
  { name: JobName.SweepWebhookEvents, everyMs: 30 * 1000, payload: () => ({}) },
  { name: JobName.ReconcileCalls, everyMs: 60 * 1000, payload: () => ({}) },
  { name: JobName.ExpireTrials, everyMs: 5 * 60 * 1000, payload: () => ({}) },
];
