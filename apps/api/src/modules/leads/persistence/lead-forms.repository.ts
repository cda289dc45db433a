import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { LeadFormFields } from '@beaker/contracts';
import { Database, type Tx } from '../../../database/database';
import { LeadForm } from '../entities/lead-form.entity';

export interface LeadFormWrite {
  name: string;
  fields: LeadFormFields;
  consentText: string;
  allowedOrigins: string[];
  autoCall: boolean;
  thankYouMessage: string;
}

/** lead_forms: a business's web forms (deleted ones are kept, with deleted_at, for their leads). */
@Injectable()
export class LeadFormsRepository {
  constructor(private readonly db: Database) {}

  async insert(businessId: string, form: LeadFormWrite, tx?: Tx): Promise<LeadForm> {
    const repo = this.db.repository(LeadForm, tx);
    return repo.save(repo.create({ ...form, businessId, consentVersion: 1, deletedAt: null }));
  }

  find(businessId: string, formId: string, tx?: Tx): Promise<LeadForm | null> {
    return this.db.repository(LeadForm, tx).findOne({ where: { id: formId, businessId, deletedAt: IsNull() } });
  }

  /** The form locked for an update (its consent version goes up when the text changes). */
  async lock(businessId: string, formId: string, tx: Tx): Promise<LeadForm | null> {
    const form = await this.db
      .repository(LeadForm, tx)
      .createQueryBuilder('f')
      .setLock('pessimistic_write')
      .where('f.id = :formId AND f.businessId = :businessId AND f.deletedAt IS NULL', { formId, businessId })
      .getOne();
    return form ?? null;
  }

  save(form: LeadForm, tx: Tx): Promise<LeadForm> {
    return this.db.repository(LeadForm, tx).save(form);
  }

  async softDelete(businessId: string, formId: string, now: Date): Promise<boolean> {
    const changed = await this.db.execute(
      `UPDATE lead_forms SET deleted_at = $3, updated_at = $3 WHERE id = $1 AND business_id = $2 AND deleted_at IS NULL`,
      [formId, businessId, now],
    );
    return changed > 0;
  }

  /**
   * A page of the business's live forms, newest first (keyset on created_at, id; `limit` rows at
   * most), each with its position as the cursor carries it: created_at to the microsecond, so that
   * forms created within one millisecond are neither skipped nor repeated.
   */
  async listForBusiness(businessId: string, after: { at: string; id: string } | null, limit: number): Promise<{ form: LeadForm; cursorAt: string }[]> {
    const qb = this.db
      .repository(LeadForm)
      .createQueryBuilder('f')
      .addSelect(`to_char(f.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'cursor_at')
      .where('f.businessId = :businessId AND f.deletedAt IS NULL', { businessId });
    if (after) qb.andWhere('(f.created_at, f.id) < (CAST(:cursorAt AS timestamptz), CAST(:cursorId AS uuid))', { cursorAt: after.at, cursorId: after.id });
    const { entities, raw } = await qb.orderBy('f.createdAt', 'DESC').addOrderBy('f.id', 'DESC').limit(limit).getRawAndEntities<{ cursor_at: string }>();
    return entities.map((form, i) => ({ form, cursorAt: raw[i]!.cursor_at }));
  }

  countForBusiness(businessId: string, tx?: Tx): Promise<number> {
    return this.db
      .repository(LeadForm, tx)
      .createQueryBuilder('f')
      .where('f.businessId = :businessId AND f.deletedAt IS NULL', { businessId })
      .getCount();
  }

  /** Names of forms (deleted ones too) by id, for lead views. */
  async namesOf(formIds: string[]): Promise<Map<string, string>> {
    if (formIds.length === 0) return new Map();
    const rows = await this.db.query<{ id: string; name: string }>(`SELECT id, name FROM lead_forms WHERE id = ANY($1::uuid[])`, [formIds]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
