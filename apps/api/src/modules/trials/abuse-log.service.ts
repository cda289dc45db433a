import { Injectable, Logger } from '@nestjs/common';
import type { AbuseEventView, AbuseTopReport, Page } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import type { PageQueryDto } from '../../common/http/pagination';
import type { AbuseEventKind } from './entities/abuse-event.entity';
import { AbuseEventsRepository } from './persistence/abuse-events.repository';

export interface AbuseReport {
  kind: AbuseEventKind;
  userId?: string | null;
  ip?: string | null;
  phoneE164?: string | null;
  /** The person's email domain, when known. */
  emailDomain?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Writes each refusal that smells of abuse to abuse_events (the admin abuse view reads it): trials
 * refused, and inbound call floods (businesses' assistant-request).
 * Written on its own, after the refusing transaction rolled back; a failure to log never turns a
 * 4xx into a 500.
 */
@Injectable()
export class AbuseLog {
  private readonly logger = new Logger(AbuseLog.name);

  constructor(
    private readonly events: AbuseEventsRepository,
    private readonly clock: Clock,
  ) {}

  async record(report: AbuseReport): Promise<void> {
    try {
      await this.events.insert({
        kind: report.kind,
        userId: report.userId ?? null,
        ip: report.ip ?? null,
        phone: report.phoneE164 ?? null,
        emailDomain: report.emailDomain ?? null,
        detailsJson: JSON.stringify(report.details ?? {}),
        at: this.clock.now(),
      });
    } catch (err) {
      this.logger.warn({ kind: report.kind, err: (err as Error).message }, 'abuse event not recorded');
    }
    this.logger.log({ kind: report.kind, userId: report.userId ?? null }, 'abuse event recorded');
  }

  /** Staff's view of the refused-trial log: the phones, IPs and email domains refused most over the last `days`. */
  async top(days: number, limit = 10): Promise<AbuseTopReport> {
    const since = new Date(this.clock.now().getTime() - days * 86_400_000);
    const rows = await this.events.top(since, limit);
    const of = (dimension: string) =>
      rows.filter((r) => r.dimension === dimension).map((r) => ({ value: r.value, events: r.events, users: r.users, lastAt: r.last_at.toISOString() }));
    return { since: since.toISOString(), phones: of('phone'), ips: of('ip'), emailDomains: of('email_domain') };
  }

  /** Staff's view: newest first, optionally of one kind. */
  async list(kind: AbuseEventKind | undefined, page: PageQueryDto): Promise<Page<AbuseEventView>> {
    const found = await this.events.list(kind, page);
    return {
      items: found.items.map((e) => ({ id: e.id, kind: e.kind, userId: e.userId, ip: e.ip, phone: e.phoneE164, details: e.details, at: e.at.toISOString() })),
      nextCursor: found.nextCursor,
    };
  }
}
