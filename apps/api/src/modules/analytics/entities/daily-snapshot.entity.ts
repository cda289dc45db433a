import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What one day looked like for one business (its local day), or for Beaker (business NULL, a UTC day). */
@Entity('analytics_daily_snapshots')
export class DailySnapshot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'business_id', type: 'uuid', nullable: true })
  businessId: string | null;

  /** YYYY-MM-DD in timeZone. */
  @Column({ type: 'date' })
  day: string;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  @Column({ name: 'calls_inbound', type: 'int' })
  callsInbound: number;

  @Column({ name: 'calls_outbound_trial', type: 'int' })
  callsOutboundTrial: number;

  @Column({ name: 'calls_outbound_lead', type: 'int' })
  callsOutboundLead: number;

  @Column({ name: 'calls_answered', type: 'int' })
  callsAnswered: number;

  @Column({ name: 'calls_ended', type: 'int' })
  callsEnded: number;

  @Column({ name: 'talk_seconds', type: 'bigint' })
  talkSeconds: string;

  @Column({ name: 'leads_captured', type: 'int' })
  leadsCaptured: number;

  @Column({ name: 'leads_deferred', type: 'int' })
  leadsDeferred: number;

  @Column({ name: 'leads_blocked', type: 'int' })
  leadsBlocked: number;

  @Column({ name: 'time_to_call_p50_ms', type: 'int', nullable: true })
  timeToCallP50Ms: number | null;

  @Column({ name: 'time_to_call_p90_ms', type: 'int', nullable: true })
  timeToCallP90Ms: number | null;

  @Column({ name: 'time_to_call_samples', type: 'int' })
  timeToCallSamples: number;

  @Column({ name: 'cost_total', type: 'numeric', precision: 14, scale: 4 })
  costTotal: string;

  @Column({ name: 'costs_by_provider', type: 'jsonb' })
  costsByProvider: Record<string, number>;

  @Column({ name: 'computed_at', type: 'timestamptz' })
  computedAt: Date;
}
