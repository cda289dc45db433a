import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Lead as LeadView, LeadAccepted, LeadCreateRequest, LeadFormSubmission } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { NotFound, ValidationFailed } from '../../common/errors/common.errors';
import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import { RateLimiter, type RateLimitRule } from '../../common/rate-limit/rate-limiter';
import { ipBucket } from '../../common/rate-limit/ip-bucket';
import { Database } from '../../database/database';
import { callablePhoneE164 } from '../compliance';
import { checkSubmission } from './forms/lead-form-rules';
import { LeadFormsService } from './forms/lead-forms.service';
import { LeadCaptureService, type Captured } from './lead-capture.service';
import { LeadViewsService } from './lead-views.service';
import { ConsentRequired, InvalidLeadPhone, OriginNotAllowed } from './leads.errors';

/** Submissions of one form: a busy site's traffic, not a flood. */
export const FORM_SUBMISSIONS: RateLimitRule = { name: 'lead-form-submissions', limit: 120, windowSeconds: 60 };
/** Submissions from one IP to one form: a person corrects a typo; a script does not get to fill a business's call list. */
export const FORM_SUBMISSIONS_PER_IP: RateLimitRule = { name: 'lead-form-submissions-ip', limit: 10, windowSeconds: 600 };

/** How far ahead of our clock an integrator's consent time may be (their clock, not a promise). */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Who sent a submission, as the request says. */
export interface SubmissionClient {
  origin: string | null;
  ip: string | null;
  userAgent: string | null;
  /** Called with the origin once it is known to be allowed (the answer may then carry CORS headers for it). */
  allowCors?: (origin: string) => void;
}

/**
 * How leads come in from outside: a web form's public submission (no session; the page's origin
 * must be one the form allows), and the integrator API (an API key, Idempotency-Key).
 */
@Injectable()
export class LeadIntakeService {
  private readonly logger = new Logger(LeadIntakeService.name);

  constructor(
    private readonly db: Database,
    private readonly forms: LeadFormsService,
    private readonly capture: LeadCaptureService,
    private readonly views: LeadViewsService,
    private readonly idempotency: IdempotencyService,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
  ) {}

  /** POST /v1/forms/:formId/submissions */
  async submitForm(formId: string, body: LeadFormSubmission & { website_confirm?: string }, client: SubmissionClient): Promise<LeadAccepted> {
    const form = await this.forms.findPublic(formId);
    if (!form) throw new NotFound('This form does not exist, or was deleted');
    if (!client.origin || !this.forms.originAllowed(form, client.origin)) {
      throw new OriginNotAllowed(
        client.origin
          ? `This form is not enabled for ${client.origin}. Its owner can add the site under Forms → Allowed websites.`
          : 'A form submission must come from a web page (an Origin header)',
        { origin: client.origin },
      );
    }
    client.allowCors?.(client.origin);
    await this.limiter.consume(FORM_SUBMISSIONS, form.id);
    if (client.ip) await this.limiter.consume(FORM_SUBMISSIONS_PER_IP, `${form.id}:${ipBucket(client.ip)}`);

    if (typeof body.website_confirm === 'string' && body.website_confirm.trim() !== '') {
      // A bot: it gets what a person would, and nothing is kept.
      this.logger.log({ formId: form.id }, 'form submission refused quietly: honeypot filled');
      return { leadId: randomUUID(), duplicate: false, thankYouMessage: form.thank_you_message };
    }
    if (body.consent !== true) {
      throw new ConsentRequired('Tick the box to agree to be called about your request', { errors: [{ field: 'consent', messages: ['must be ticked'] }] });
    }
    const checked = checkSubmission(form.fields, body);
    if ('problems' in checked) throw new ValidationFailed('Some fields need a second look', { errors: checked.problems });
    const { clean } = checked;
    const now = this.clock.now();
    const pageUrl = typeof body.pageUrl === 'string' ? body.pageUrl.slice(0, 2000) : null;
    const captured = await this.db.transaction((tx) =>
      this.capture.capture(
        {
          businessId: form.business_id,
          source: 'form',
          formId: form.id,
          phoneE164: clean.phoneE164,
          name: clean.name,
          email: clean.email,
          message: clean.message,
          fields: clean.fields,
          autoCall: form.auto_call,
          consent: {
            method: 'web_form',
            // The text of the version the person saw: the form's current one (a page open across an edit sends its older version number).
            consentText: form.consent_text,
            consentVersion: String(body.consentVersion ?? form.consent_version),
            checkboxChecked: true,
            capturedAt: now.toISOString(),
            ip: client.ip,
            userAgent: client.userAgent?.slice(0, 500) ?? null,
            pageUrl,
          },
          payload: { name: clean.name, phone: clean.phoneE164, email: clean.email, message: clean.message, fields: clean.fields, consent: true, pageUrl },
          client: { ip: client.ip, userAgent: client.userAgent?.slice(0, 500) ?? null, pageUrl },
        },
        tx,
      ),
    );
    await this.capture.afterCommit(captured);
    return { ...captured.accepted, thankYouMessage: form.thank_you_message };
  }

  /**
   * POST /v1/leads: a lead pushed by an integrator for its business. With consent evidence it is
   * called like a form's; without, kept and never called (blocked, consent.missing).
   */
  async createFromApi(
    businessId: string,
    body: LeadCreateRequest,
    idempotency: { scope: string; key: string | undefined },
  ): Promise<{ lead: LeadView; replayed: boolean }> {
    const phoneE164 = callablePhoneE164(body.phone);
    if (!phoneE164) throw new InvalidLeadPhone('phone must be a valid US or Canadian number', { errors: [{ field: 'phone', messages: ['not a valid US or Canadian number'] }] });
    if (body.consent && new Date(body.consent.at).getTime() > this.clock.now().getTime() + CLOCK_SKEW_MS) {
      throw new ValidationFailed('consent.at is in the future', { errors: [{ field: 'consent.at', messages: ['must not be in the future'] }] });
    }
    let captured: Captured | null = null;
    const answer = await this.idempotency.run(idempotency.scope, idempotency.key, { method: 'POST', path: '/v1/leads', businessId, body }, 202, async (tx) => {
      captured = await this.capture.capture(
        {
          businessId,
          source: 'api',
          sourceDetail: body.source?.trim() || null,
          phoneE164,
          name: body.name?.trim() || null,
          email: body.email?.trim() || null,
          message: body.message?.trim() || null,
          autoCall: true,
          consent: body.consent
            ? {
                method: 'api',
                consentText: body.consent.text,
                consentVersion: null,
                checkboxChecked: null,
                capturedAt: new Date(body.consent.at).toISOString(),
                ip: body.consent.ip ?? null,
                userAgent: body.consent.userAgent ?? null,
                pageUrl: body.consent.url ?? null,
              }
            : null,
          payload: { ...body },
          client: { ip: body.consent?.ip ?? null, userAgent: body.consent?.userAgent ?? null, pageUrl: body.consent?.url ?? null },
        },
        tx,
      );
      return this.views.view(await this.views.leadOf(businessId, captured.leadId, tx), tx);
    });
    if (captured) await this.capture.afterCommit(captured);
    return { lead: answer.body, replayed: answer.replayed };
  }
}
