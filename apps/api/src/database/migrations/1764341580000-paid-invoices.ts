import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Costs and margin (issue 16): what each business paid (Stripe's paid invoices, stored by the
 * `invoice.paid` handler of the businesses module), so that revenue can be summed per period
 * against the calls' costs. One row per Stripe invoice, whatever the deliveries and replays.
 * And an index for summing calls' costs over a period (1,000,000 calls: no sequential scan).
 */
export class PaidInvoices1764341580000 implements MigrationInterface {
  name = 'PaidInvoices1764341580000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE business_invoices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        business_id uuid NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
        stripe_invoice_id text NOT NULL CHECK (char_length(stripe_invoice_id) BETWEEN 1 AND 255),
        amount_paid_cents int NOT NULL CHECK (amount_paid_cents >= 0),
        currency text NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
        paid_at timestamptz NOT NULL,
        period_start timestamptz,
        period_end timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT business_invoices_stripe_invoice_id_key UNIQUE (stripe_invoice_id)
      )`);
    // Revenue per business over a period; also the foreign key's index.
    await q.query(`CREATE INDEX business_invoices_business_paid_idx ON business_invoices (business_id, paid_at)`);
    await q.query(`CREATE INDEX business_invoices_paid_idx ON business_invoices (paid_at)`);
    await q.query(`CREATE INDEX calls_created_idx ON calls (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS calls_created_idx`);
    await q.query(`DROP TABLE IF EXISTS business_invoices`);
  }
}
