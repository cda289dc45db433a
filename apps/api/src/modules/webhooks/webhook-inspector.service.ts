import { Injectable } from '@nestjs/common';
import { PROVIDERS, type Page, type WebhookBacklogRow, type WebhookEventDetail, type WebhookEventSummary, type WebhookHealth } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import type { SearchTerms, StaffSearchMatch } from '../../common/staff-search/search-terms';
import type { AuditActor } from '../../common/audit/audit.service';
import { WebhookEventQueryDto } from './dto/webhook-event.dto';
import type { WebhookEvent } from './entities/webhook-event.entity';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { WebhookEventBusy, WebhookEventNotFound, WebhookPayloadPruned } from './webhooks.errors';
import { WebhooksRepository } from './webhooks.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function summary(e: WebhookEvent): WebhookEventSummary {
  return {
    id: e.id,
    provider: e.provider,
    eventId: e.eventId,
    eventType: e.eventType,
    status: e.status,
    attempts: e.attempts,
    lastError: e.lastError,
    receivedAt: e.receivedAt.toISOString(),
    processedAt: e.processedAt?.toISOString() ?? null,
  };
}

/** Staff's view of provider webhooks: list, look inside, and run one again. */
@Injectable()
export class WebhookInspector {
  constructor(
    private readonly events: WebhooksRepository,
    private readonly dispatcher: WebhookDispatcher,
    private readonly clock: Clock,
  ) {}

  /**
   * What the providers sent about a call (staff's call page): Vapi's events by its call id, Twilio's
   * status callbacks by its CallSid (each provider event id starts with them), oldest first.
   */
  async eventsAboutCall(ids: { vapiCallId: string | null; twilioCallSid: string | null }): Promise<WebhookEventSummary[]> {
    const subjects: { provider: 'vapi' | 'twilio'; subject: string }[] = [];
    if (ids.vapiCallId) subjects.push({ provider: 'vapi', subject: ids.vapiCallId });
    if (ids.twilioCallSid) subjects.push({ provider: 'twilio', subject: ids.twilioCallSid });
    return (await this.events.aboutSubjects(subjects, 100)).map(summary);
  }

  /** Staff's health page: per provider what waits, what failed, what was done in the last 24 h; the oldest wait; the latest failures. */
  async health(): Promise<WebhookHealth> {
    const now = this.clock.now();
    const [counts, failures] = await Promise.all([this.events.backlog(new Date(now.getTime() - 86_400_000)), this.events.recentFailures(10)]);
    const rows = new Map<string, WebhookBacklogRow & { oldest: Date | null }>(
      PROVIDERS.map((provider) => [provider, { provider, pending: 0, processing: 0, failed: 0, completedLast24h: 0, ignoredLast24h: 0, oldestPendingAt: null, oldest: null }]),
    );
    for (const c of counts) {
      const row = rows.get(c.provider);
      if (!row) continue;
      if (c.status === 'pending' || c.status === 'processing' || c.status === 'failed') row[c.status] = c.n;
      else if (c.status === 'completed') row.completedLast24h = c.n;
      else if (c.status === 'ignored') row.ignoredLast24h = c.n;
      if ((c.status === 'pending' || c.status === 'processing') && c.oldest && (!row.oldest || c.oldest < row.oldest)) row.oldest = c.oldest;
    }
    const providers = [...rows.values()].map(({ oldest, ...row }) => ({ ...row, oldestPendingAt: oldest?.toISOString() ?? null }));
    const oldest = [...rows.values()].map((r) => r.oldest).filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0];
    return {
      providers,
      oldestPendingAgeSeconds: oldest ? Math.max(0, Math.floor((now.getTime() - oldest.getTime()) / 1000)) : null,
      recentFailures: failures.map(summary),
    };
  }

  /** Staff search (GET /v1/admin/search): events by id or the provider's event id. */
  async searchForStaff(terms: SearchTerms): Promise<StaffSearchMatch[]> {
    const rows = await this.events.staffSearch(terms);
    return rows.map((e) => ({
      kind: 'webhook_event' as const,
      id: e.id,
      title: `${e.provider} ${e.event_type}`,
      subtitle: `${e.event_id} · ${e.status} · ${e.received_at.toISOString()}`,
      url: `/admin/webhook-events/${e.id}`,
      rank: e.rank,
    }));
  }

  async list(query: WebhookEventQueryDto): Promise<Page<WebhookEventSummary>> {
    const page = await this.events.list(query);
    return { items: page.items.map(summary), nextCursor: page.nextCursor };
  }

  async detail(id: string): Promise<WebhookEventDetail> {
    const event = UUID.test(id) ? await this.events.find(id) : null;
    if (!event) throw new WebhookEventNotFound();
    const attempts = await this.events.attemptsOf(id);
    const attemptsLog = attempts.map((a) => ({
      attempt: a.attempt,
      trigger: a.trigger,
      outcome: a.outcome,
      error: a.error,
      startedAt: a.startedAt.toISOString(),
      finishedAt: a.finishedAt.toISOString(),
    }));
    return {
      ...summary(event),
      payload: event.payload,
      attemptsLog,
      timeline: [
        { at: event.receivedAt.toISOString(), kind: 'received' as const },
        ...attemptsLog.map((a) => ({ at: a.finishedAt, kind: a.outcome, attempt: a.attempt, trigger: a.trigger, error: a.error })),
      ],
    };
  }

  /** Runs the event's handler again, now, in this request (handlers are idempotent). Staff's action, audited. */
  async replay(id: string, actor: AuditActor): Promise<WebhookEventDetail> {
    if (!UUID.test(id)) throw new WebhookEventNotFound();
    const event = await this.events.find(id);
    if (!event) throw new WebhookEventNotFound();
    // Retention cleared it (processed over 30 days ago): there is nothing left to run the handler on.
    if (event.payload === null) throw new WebhookPayloadPruned('Processed over 30 days ago, its payload is no longer kept');
    // Audited (webhook_event.replay) in the transaction that records the attempt; busy or unknown: nothing happened, no line.
    const outcome = await this.dispatcher.process(id, { trigger: 'replay', replayedBy: actor });
    if (outcome === 'busy') throw new WebhookEventBusy('Try again in a moment');
    if (outcome === 'skipped') throw new WebhookEventNotFound();
    return this.detail(id);
  }
}
