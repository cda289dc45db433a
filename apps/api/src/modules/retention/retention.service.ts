import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import { AuthRetention } from '../auth';
import { ComplianceSettingsService } from '../businesses';
import { CallsRetention } from '../calls';
import { OutboundWebhooksRetention } from '../outbound-webhooks';
import { TrialsRetention } from '../trials';
import { WebhookRetention } from '../webhooks';

const DAY_MS = 24 * 3600 * 1000;

/** Rows pruned by one run, by table (what was cleared or deleted). */
export interface RetentionReport {
  webhookPayloadsCleared: number;
  webhookEvents: number;
  abuseEvents: number;
  phoneVerifications: number;
  magicLinks: number;
  sessions: number;
  idempotencyKeys: number;
  outboundEvents: number;
  /** Calls whose recording and transcript were cleared (businesses with a recording period). */
  callRecordings: number;
}

/**
 * The `apply-retention` job (hourly): asks each module to prune its own tables on its own periods
 * (README.md here has the table), one after the other; each deletes in batches. A module's failure
 * fails the run (retried, then left failed and reported) after the others had their turn.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly webhooks: WebhookRetention,
    private readonly trials: TrialsRetention,
    private readonly auth: AuthRetention,
    private readonly idempotency: IdempotencyService,
    private readonly outboundWebhooks: OutboundWebhooksRetention,
    private readonly complianceSettings: ComplianceSettingsService,
    private readonly calls: CallsRetention,
    private readonly clock: Clock,
  ) {}

  /** `batchSize`: rows per statement (tests make it small to see the loop). */
  async run(options: { batchSize?: number } = {}): Promise<RetentionReport> {
    const { batchSize } = options;
    const report: RetentionReport = {
      webhookPayloadsCleared: 0,
      webhookEvents: 0,
      abuseEvents: 0,
      phoneVerifications: 0,
      magicLinks: 0,
      sessions: 0,
      idempotencyKeys: 0,
      outboundEvents: 0,
      callRecordings: 0,
    };
    const failures: string[] = [];
    const step = async (name: string, work: () => Promise<void>) => {
      try {
        await work();
      } catch (err) {
        failures.push(`${name}: ${(err as Error).message}`);
      }
    };
    await step('webhooks', async () => {
      const r = await this.webhooks.prune(batchSize);
      report.webhookPayloadsCleared = r.payloadsCleared;
      report.webhookEvents = r.webhookEvents;
    });
    await step('trials', async () => {
      const r = await this.trials.prune(batchSize);
      report.abuseEvents = r.abuseEvents;
      report.phoneVerifications = r.phoneVerifications;
    });
    await step('auth', async () => {
      const r = await this.auth.prune(batchSize);
      report.magicLinks = r.magicLinks;
      report.sessions = r.sessions;
    });
    await step('idempotency', async () => {
      report.idempotencyKeys = (await this.idempotency.prune(batchSize)).idempotencyKeys;
    });
    await step('outbound-webhooks', async () => {
      report.outboundEvents = (await this.outboundWebhooks.prune(batchSize)).events;
    });
    await step('calls', async () => {
      const now = this.clock.now().getTime();
      for (const { businessId, days } of await this.complianceSettings.recordingRetentions()) {
        report.callRecordings += await this.calls.forgetRecordings(businessId, new Date(now - days * DAY_MS), batchSize);
      }
    });
    const pruned = Object.values(report).reduce((a, b) => a + b, 0);
    if (pruned > 0) this.logger.log({ ...report }, 'retention: pruned');
    if (failures.length > 0) throw new Error(`retention failed for ${failures.join('; ')}`);
    return report;
  }
}
