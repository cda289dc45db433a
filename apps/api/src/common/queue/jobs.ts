import { QueueName } from './queues';

/**
 * Every job the product runs: one name, one typed payload, one queue, and exactly one handler —
 * an entry in the `handlers` of that queue's processor (`modules/<module>/jobs/<module>.processor.ts`).
 * The types refuse a processor that misses one of its queue's jobs or handles another queue's,
 * and the worker refuses to start when a queue has no processor or two.
 * Add a job by adding it to JobName, JobPayloads and JOB_QUEUES, then to its processor.
 */
export enum JobName {
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
  /** Marks trials whose 48 hours are over as expired (trials). */
  ExpireTrials = 'expire-trials',
  /** One step of a new business's setup: its assistant, its number, the number wired to Vapi (businesses; jobId provision-<business>-<step>). */
  ProvisionBusiness = 'provision-business',
  /** Calls a lead (the attempt-th call) when compliance allows, defers it, or records why not (leads; jobId see leadCallJobId). */
  CallLead = 'call-lead',
  /** Emails a business's owners (and members who asked) about a lead: a new one, or one the plan's limit kept from being called (leads). */
  NotifyLeadOwners = 'notify-lead-owners',
  /** Finds leads whose call is due but whose job is gone (Redis lost it) and schedules them again (leads). */
  SweepLeads = 'sweep-leads',
  /** Emails a business's owners that a renewal payment failed (businesses; jobId payment-failed-<invoice>-<attempt>). */
  NotifyPaymentFailed = 'notify-payment-failed',
  /** Emails a business's owners the receipt of a paid invoice (businesses; jobId receipt-<invoice>). */
  NotifyInvoicePaid = 'notify-invoice-paid',
  /** Emails a business's owners that it is live, with its number and first steps (businesses; jobId welcome-<business>). */
  SendWelcome = 'send-welcome',
  /** One attempt of delivering an event to a business's webhook endpoint (outbound-webhooks; jobId whd-<delivery>-<attempt>). */
  DeliverWebhook = 'deliver-webhook',
  /** Finds webhook deliveries that are due but have no job (Redis was down at commit, or lost it) and enqueues them (outbound-webhooks). */
  SweepWebhookDeliveries = 'sweep-webhook-deliveries',
  /** Emails a business's owners that one of its webhook endpoints was disabled after 5 days of failures (outbound-webhooks). */
  NotifyWebhookEndpointDisabled = 'notify-webhook-endpoint-disabled',
  /** Snapshots the local days that ended (each business's, and the global UTC day) and recomputes recent days that changed since (analytics). */
  SnapshotAnalytics = 'snapshot-analytics',
  /** Prunes what is past its retention period, each module its own tables (retention; periods in README.md, "Operations"). */
  ApplyRetention = 'apply-retention',
}

export interface JobPayloads {
  /** holdMs: simulated work, to watch in-flight jobs across a shutdown. */
  [JobName.Ping]: { at: string; holdMs?: number };
  [JobName.SandboxVapiCallStep]: { providerCallId: string; step: number };
  [JobName.ProcessWebhookEvent]: { webhookEventId: string };
  [JobName.SweepWebhookEvents]: Record<string, never>;
  [JobName.ReconcileCalls]: Record<string, never>;
  [JobName.ExpireTrials]: Record<string, never>;
  [JobName.ProvisionBusiness]: { businessId: string; step: 'assistant' | 'number' | 'connect' };
  [JobName.NotifyPaymentFailed]: { businessId: string; invoiceId: string; attempt: number };
  [JobName.NotifyInvoicePaid]: { businessId: string; invoiceId: string; amountPaidCents: number; currency: string };
  [JobName.SendWelcome]: { businessId: string; e164: string };
  [JobName.CallLead]: { leadId: string; attempt: number };
  [JobName.NotifyLeadOwners]: { leadId: string; reason: 'new_lead' | 'plan_limit' };
  [JobName.SweepLeads]: Record<string, never>;
  [JobName.DeliverWebhook]: { deliveryId: string; attempt: number };
  [JobName.SweepWebhookDeliveries]: Record<string, never>;
  [JobName.NotifyWebhookEndpointDisabled]: { endpointId: string };
  [JobName.SnapshotAnalytics]: Record<string, never>;
  [JobName.ApplyRetention]: Record<string, never>;
}

export const JOB_QUEUES = {
  [JobName.Ping]: QueueName.Health,
  [JobName.SandboxVapiCallStep]: QueueName.Sandbox,
  [JobName.ProcessWebhookEvent]: QueueName.Webhooks,
  [JobName.SweepWebhookEvents]: QueueName.Webhooks,
  [JobName.ReconcileCalls]: QueueName.Calls,
  [JobName.ExpireTrials]: QueueName.Trials,
  [JobName.ProvisionBusiness]: QueueName.Businesses,
  [JobName.NotifyPaymentFailed]: QueueName.Businesses,
  [JobName.NotifyInvoicePaid]: QueueName.Businesses,
  [JobName.SendWelcome]: QueueName.Businesses,
  [JobName.CallLead]: QueueName.Leads,
  [JobName.NotifyLeadOwners]: QueueName.Leads,
  [JobName.SweepLeads]: QueueName.Leads,
  [JobName.DeliverWebhook]: QueueName.OutboundWebhooks,
  [JobName.SweepWebhookDeliveries]: QueueName.OutboundWebhooks,
  [JobName.NotifyWebhookEndpointDisabled]: QueueName.OutboundWebhooks,
  [JobName.SnapshotAnalytics]: QueueName.Analytics,
  [JobName.ApplyRetention]: QueueName.Retention,
} as const satisfies Record<JobName, QueueName>;

/** The jobs of one queue. */
export type JobsOn<Q extends QueueName> = { [N in JobName]: (typeof JOB_QUEUES)[N] extends Q ? N : never }[JobName];

/** Every job name of a queue, at run time. */
export function jobsOn(queue: QueueName): JobName[] {
  return (Object.keys(JOB_QUEUES) as JobName[]).filter((name) => JOB_QUEUES[name] === queue);
}

/** Repeating jobs each worker schedules at start-up and keeps scheduled (idempotent: keyed by name; see WorkerService). */
export const SCHEDULED_JOBS: { name: JobName; everyMs: number }[] = [
  { name: JobName.SweepWebhookEvents, everyMs: 30 * 1000 },
  { name: JobName.ReconcileCalls, everyMs: 60 * 1000 },
  { name: JobName.ExpireTrials, everyMs: 5 * 60 * 1000 },
  { name: JobName.SweepLeads, everyMs: 60 * 1000 },
  { name: JobName.SweepWebhookDeliveries, everyMs: 15 * 1000 },
  // Every 15 minutes: a day is snapshotted within 15 minutes of its local midnight, whatever the zone's offset.
  { name: JobName.SnapshotAnalytics, everyMs: 15 * 60 * 1000 },
  // Hourly: each run has at most an hour's worth of rows to prune (after the first, which works through the backlog in batches).
  { name: JobName.ApplyRetention, everyMs: 3600 * 1000 },
];
