import { Injectable } from '@nestjs/common';
import { Database, type Tx } from '../../../database/database';
import { ComplianceDecisionRecord, DecisionOutcome } from '../entities/compliance-decision.entity';

export interface DecisionRow {
  id: string;
  businessId: string | null;
  trialId: string | null;
  leadId: string | null;
  previousDecisionId: string | null;
  phone: string;
  purpose: string;
  subject: string | null;
  decision: string;
  reasonsJson: string;
  nextAllowedAt: Date | null;
  recordingDisclosure: boolean;
  rulesVersion: string;
  evaluatedAt: Date;
  inputSummaryJson: string;
}

/** `compliance_decisions`: the decision log, one row per check before an outbound call. */
@Injectable()
export class DecisionsRepository {
  constructor(private readonly db: Database) {}

  async insert(d: DecisionRow, tx: Tx): Promise<void> {
    await this.db.execute(
      `INSERT INTO compliance_decisions (business_id, trial_id, lead_id, previous_decision_id, phone_e164, purpose, subject, decision, reasons,
         next_allowed_at, recording_disclosure, rules_version, evaluated_at, input_summary, created_at, id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $13, $15)`,
      [
        d.businessId,
        d.trialId,
        d.leadId,
        d.previousDecisionId,
        d.phone,
        d.purpose,
        d.subject,
        d.decision,
        d.reasonsJson,
        d.nextAllowedAt,
        d.recordingDisclosure,
        d.rulesVersion,
        d.evaluatedAt,
        d.inputSummaryJson,
        d.id,
      ],
      tx,
    );
  }

  /** Links an allowing decision to its call (idempotent for the same call); false when it did not allow one or allowed another. */
  async linkToCall(decisionId: string, callId: string, tx?: Tx): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE compliance_decisions SET call_id = $2, outcome = 'call_placed'
        WHERE id = $1 AND decision = 'allow' AND (call_id IS NULL OR call_id = $2) RETURNING id`,
      [decisionId, callId],
      tx,
    );
    return rows.length > 0;
  }

  async setOutcome(decisionId: string, outcome: DecisionOutcome, tx?: Tx): Promise<void> {
    await this.db.execute(`UPDATE compliance_decisions SET outcome = $2 WHERE id = $1`, [decisionId, outcome], tx);
  }

  find(decisionId: string, tx?: Tx): Promise<ComplianceDecisionRecord | null> {
    return this.db.repository(ComplianceDecisionRecord, tx).findOne({ where: { id: decisionId } });
  }

  /** Every decision made for a lead, oldest first. */
  forLead(leadId: string): Promise<ComplianceDecisionRecord[]> {
    return this.db.repository(ComplianceDecisionRecord).find({ where: { leadId }, order: { evaluatedAt: 'ASC', createdAt: 'ASC' } });
  }

  /** The newest re-check of a deferred decision. */
  successorOf(decisionId: string): Promise<ComplianceDecisionRecord | null> {
    return this.db.repository(ComplianceDecisionRecord).findOne({ where: { previousDecisionId: decisionId }, order: { evaluatedAt: 'DESC' } });
  }

  /** The transaction-scoped locks a check takes: per number, and per business when there is one (always in that order). */
  async lockNumberAndBusiness(phone: string, businessId: string | null, tx: Tx): Promise<void> {
    if (businessId) {
      await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0)), pg_advisory_xact_lock(hashtextextended($2, 0))`, [
        `compliance:number:${phone}`,
        `compliance:business:${businessId}`,
      ], tx);
    } else {
      await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`compliance:number:${phone}`], tx);
    }
  }
}
