import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import type { AbuseEventKind } from './entities/abuse-event.entity';

export interface AbuseReport {
  kind: AbuseEventKind;
  userId?: string | null;
  ip?: string | null;
  phoneE164?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Writes each refusal that smells of abuse to abuse_events (the admin abuse view reads it).
 * Written on its own, after the refusing transaction rolled back; a failure to log never turns a
 * 4xx into a 500.
 */
@Injectable()
export class AbuseLog {
  private readonly logger = new Logger(AbuseLog.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(report: AbuseReport): Promise<void> {
    try {
      await this.db.query(`INSERT INTO abuse_events (kind, user_id, ip, phone_e164, details, at) VALUES ($1, $2, $3, $4, $5, $6)`, [
        report.kind,
        report.userId ?? null,
        report.ip ?? null,
        report.phoneE164 ?? null,
        JSON.stringify(report.details ?? {}),
        this.clock.now(),
      ]);
    } catch (err) {
      this.logger.warn({ kind: report.kind, err: (err as Error).message }, 'abuse event not recorded');
    }
    this.logger.log({ kind: report.kind, userId: report.userId ?? null }, 'trial refused for abuse prevention');
  }
}
