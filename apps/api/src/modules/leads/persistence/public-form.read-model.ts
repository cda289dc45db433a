import { Injectable } from '@nestjs/common';
import type { LeadFormFields } from '@beaker/contracts';
import { Database, type Tx } from '../../../database/database';
import { ReadModel } from '../../../database/read-model';

/** A live form as the public paths need it (render and submit), with what they need of its business. */
export interface PublicFormRow {
  id: string;
  business_id: string;
  business_name: string;
  fields: LeadFormFields;
  consent_text: string;
  consent_version: number;
  allowed_origins: string[];
  auto_call: boolean;
  thank_you_message: string;
}

/**
 * Read model: a form and its business's name in one indexed statement — the public form and every
 * submission read it, on the path whose budget is counted in milliseconds (`businesses` belongs to
 * the businesses module; only its name is read).
 */
@ReadModel({ reads: ['lead_forms', 'businesses'] })
@Injectable()
export class PublicFormReadModel {
  constructor(private readonly db: Database) {}

  async find(formId: string, tx?: Tx): Promise<PublicFormRow | null> {
    const { rows } = await this.db.prepared<PublicFormRow>(
      'public-form-find',
      `SELECT f.id, f.business_id, b.name AS business_name, f.fields, f.consent_text, f.consent_version, f.allowed_origins,
              f.auto_call, f.thank_you_message
         FROM lead_forms f JOIN businesses b ON b.id = f.business_id
        WHERE f.id = $1 AND f.deleted_at IS NULL`,
      [formId],
      tx,
    );
    return rows[0] ?? null;
  }
}
