import { Injectable } from '@nestjs/common';
import type { LeadForm as LeadFormView, LeadFormFields, LeadFormInput, Page, PublicLeadForm } from '@beaker/contracts';
import { NotFound, ValidationFailed } from '../../../common/errors/common.errors';
import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor, type PageQueryDto } from '../../../common/http/pagination';
import { IdempotencyService } from '../../../common/idempotency/idempotency.service';
import { Database } from '../../../database/database';
import { AppConfig } from '../../../config/app-config';
import { Clock } from '../../../common/clock';
import { BusinessesService } from '../../businesses';
import type { LeadForm } from '../entities/lead-form.entity';
import { FormLimitReached } from '../leads.errors';
import { LeadFormsRepository, LeadFormWrite } from '../persistence/lead-forms.repository';
import { PublicFormReadModel, PublicFormRow } from '../persistence/public-form.read-model';
import { DEFAULT_FORM_FIELDS, DEFAULT_THANK_YOU, defaultConsentText, fieldsProblems, MAX_FORMS_PER_BUSINESS, normalizeOrigin, type FieldProblem } from './lead-form-rules';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The field people never see (the embed renders it off-screen, out of the tab order, with
 * autocomplete off); a bot that fills every input fills it too, and is refused quietly. Its name is
 * no autofill token, so a browser does not fill it for a person.
 */
export const HONEYPOT_FIELD = 'website_confirm';

/** A business's web forms: built in the dashboard, rendered by the embed script, submitted by anyone on an allowed site. */
@Injectable()
export class LeadFormsService {
  constructor(
    private readonly db: Database,
    private readonly forms: LeadFormsRepository,
    private readonly publicForms: PublicFormReadModel,
    private readonly businesses: BusinessesService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** The business's live forms, newest first, a page at a time (`?cursor=&limit=`; a bad cursor is 400 PAGINATION.INVALID_CURSOR). */
  async list(businessId: string, query: PageQueryDto): Promise<Page<LeadFormView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.forms.listForBusiness(businessId, query.cursor ? decodeCursor(query.cursor) : null, limit + 1);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map((r) => this.view(r.form)), nextCursor: rows.length > limit && last ? encodeCursor({ at: last.cursorAt, id: last.form.id }) : null };
  }

  async get(businessId: string, formId: string): Promise<LeadFormView> {
    return this.view(await this.find(businessId, formId));
  }

  /** A new form; with an Idempotency-Key (`idempotency.key`), a retry of the same request answers the same form for 24 hours. */
  async create(
    businessId: string,
    input: Partial<LeadFormInput> & { name: string },
    idempotency: { scope: string; key: string | undefined } = { scope: '', key: undefined },
  ): Promise<{ form: LeadFormView; replayed: boolean }> {
    const businessName = (await this.businesses.nameOf(businessId)) ?? 'this business';
    const write = this.checked({
      name: input.name,
      fields: input.fields ?? DEFAULT_FORM_FIELDS,
      consentText: input.consentText ?? defaultConsentText(businessName),
      allowedOrigins: input.allowedOrigins ?? [],
      autoCall: input.autoCall ?? true,
      thankYouMessage: input.thankYouMessage ?? DEFAULT_THANK_YOU,
    });
    const answer = await this.idempotency.run(idempotency.scope, idempotency.key, { method: 'POST', path: 'forms', businessId, body: input }, 201, async (tx) => {
      // Two creates racing at the limit may both pass: one form too many, never a lost one.
      if ((await this.forms.countForBusiness(businessId, tx)) >= MAX_FORMS_PER_BUSINESS) {
        throw new FormLimitReached(`A business may have up to ${MAX_FORMS_PER_BUSINESS} forms; delete one first`);
      }
      return this.view(await this.forms.insert(businessId, write, tx));
    });
    return { form: answer.body, replayed: answer.replayed };
  }

  /** Changes what is given; a new consent text makes a new consent version (leads keep the text they saw). */
  async update(businessId: string, formId: string, input: Partial<LeadFormInput>): Promise<LeadFormView> {
    if (!UUID.test(formId)) throw new NotFound('No such form');
    const form = await this.db.transaction(async (tx) => {
      const current = await this.forms.lock(businessId, formId, tx);
      if (!current) throw new NotFound('No such form');
      const next = this.checked({
        name: input.name ?? current.name,
        fields: input.fields ?? current.fields,
        consentText: input.consentText ?? current.consentText,
        allowedOrigins: input.allowedOrigins ?? current.allowedOrigins,
        autoCall: input.autoCall ?? current.autoCall,
        thankYouMessage: input.thankYouMessage ?? current.thankYouMessage,
      });
      if (next.consentText !== current.consentText) current.consentVersion += 1;
      Object.assign(current, next, { updatedAt: this.clock.now() });
      return this.forms.save(current, tx);
    });
    return this.view(form);
  }

  async remove(businessId: string, formId: string): Promise<void> {
    if (!UUID.test(formId) || !(await this.forms.softDelete(businessId, formId, this.clock.now()))) throw new NotFound('No such form');
  }

  /** A live form for the public paths (null when there is none: deleted, or never). */
  findPublic(formId: string): Promise<PublicFormRow | null> {
    return UUID.test(formId) ? this.publicForms.find(formId) : Promise.resolve(null);
  }

  /** What the embed script renders; `origin`: the page's, to say whether it may submit. */
  async publicView(formId: string, origin: string | null): Promise<PublicLeadForm> {
    const form = await this.findPublic(formId);
    if (!form) throw new NotFound('This form does not exist, or was deleted');
    return {
      id: form.id,
      businessName: form.business_name,
      fields: form.fields,
      consentText: form.consent_text,
      consentVersion: form.consent_version,
      thankYouMessage: form.thank_you_message,
      honeypotField: HONEYPOT_FIELD,
      originAllowed: origin === null ? null : this.originAllowed(form, origin),
    };
  }

  /** A page may submit a form when its origin is one of the form's, or Beaker's own (the dashboard's preview and test lead). */
  originAllowed(form: Pick<PublicFormRow, 'allowed_origins'>, origin: string): boolean {
    return origin === new URL(this.config.appUrl).origin || form.allowed_origins.includes(origin);
  }

  embedSnippet(formId: string): string {
    return `<script src="${this.config.appUrl}/embed/v1.js" data-form="${formId}" async></script>`;
  }

  private async find(businessId: string, formId: string): Promise<LeadForm> {
    const form = UUID.test(formId) ? await this.forms.find(businessId, formId) : null;
    if (!form) throw new NotFound('No such form');
    return form;
  }

  /** The form's own rules beyond each field's shape: origins as browsers send them, unique custom keys. */
  private checked(form: LeadFormWrite): LeadFormWrite {
    const problems: FieldProblem[] = [...fieldsProblems(form.fields)];
    const origins: string[] = [];
    form.allowedOrigins.forEach((raw, i) => {
      const origin = normalizeOrigin(raw);
      if (!origin) problems.push({ field: `allowedOrigins.${i}`, messages: ['must be an origin like https://www.example.com (no path)'] });
      else if (!origins.includes(origin)) origins.push(origin);
    });
    if (problems.length > 0) throw new ValidationFailed('The form is not valid', { errors: problems });
    return { ...form, name: form.name.trim(), fields: normalizeFields(form.fields), allowedOrigins: origins };
  }

  private view(f: LeadForm): LeadFormView {
    return {
      id: f.id,
      businessId: f.businessId,
      name: f.name,
      fields: f.fields,
      consentText: f.consentText,
      consentVersion: f.consentVersion,
      allowedOrigins: f.allowedOrigins,
      autoCall: f.autoCall,
      thankYouMessage: f.thankYouMessage,
      embedSnippet: this.embedSnippet(f.id),
      createdAt: f.createdAt.toISOString(),
      updatedAt: f.updatedAt.toISOString(),
    };
  }
}

/** Only what a form is made of (a DTO instance carries nothing else, but the stored JSON should not either). */
function normalizeFields(fields: LeadFormFields): LeadFormFields {
  return {
    email: { enabled: fields.email.enabled, required: fields.email.required },
    message: { enabled: fields.message.enabled, required: fields.message.required },
    custom: fields.custom.map((c) => ({
      key: c.key,
      label: c.label.trim(),
      type: c.type,
      required: c.required,
      ...(c.type === 'select' ? { options: (c.options ?? []).map((o) => o.trim()) } : {}),
    })),
  };
}
