import { Body, Controller, Get, Headers, HttpCode, Options, Param, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFound, RateLimited, ValidationFailed } from '../../../common/errors/common.errors';
import { Endpoint } from '../../../common/http/endpoint';
import { Public } from '../../auth';
import { LeadAcceptedDto, LeadFormSubmissionDto } from '../dto/lead.dto';
import { PublicLeadFormDto } from '../dto/lead-form.dto';
import { LeadIntakeService } from '../lead-intake.service';
import { ConsentRequired, OriginNotAllowed } from '../leads.errors';
import { LeadFormsService } from './lead-forms.service';

const header = (value: string | string[] | undefined): string | null => (Array.isArray(value) ? (value[0] ?? null) : (value ?? null));

/**
 * What the embed script talks to, from the business's own site: no session, no key. Reading a
 * form is open to any page (nothing in it is private; it says whether the asking page may submit).
 * Submitting is CORS-enabled for the form's allowed origins only, and refused for any other.
 */
@ApiTags('leads')
@Public()
@Controller('v1/forms')
export class PublicFormsController {
  constructor(
    private readonly forms: LeadFormsService,
    private readonly intake: LeadIntakeService,
  ) {}

  @Get(':formId')
  @ApiParam({ name: 'formId', format: 'uuid' })
  @Endpoint({
    summary: 'A web form as the embed script renders it (public)',
    description:
      'Fields, consent text and version, thank-you message, the honeypot field, and `originAllowed`: whether the page asking (its `Origin`) may submit it. ' +
      'Readable from any origin (`Access-Control-Allow-Origin: *`).',
    response: { status: 200, type: PublicLeadFormDto },
    errors: [{ error: NotFound, note: 'no such form, or it was deleted' }],
  })
  async get(@Param('formId') formId: string, @Headers('origin') origin: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<PublicLeadFormDto> {
    void reply.header('access-control-allow-origin', '*').header('vary', 'Origin').header('cache-control', 'no-store');
    return this.forms.publicView(formId, origin ?? null);
  }

  @Options(':formId/submissions')
  @HttpCode(204)
  @ApiParam({ name: 'formId', format: 'uuid' })
  @Endpoint({
    summary: "CORS preflight of a form's submission (public)",
    description: "Answered with CORS headers for the form's allowed origins; any other origin gets none (the browser then refuses the submission).",
    response: { status: 204, description: 'Preflight answered' },
    errors: [{ error: NotFound, note: 'no such form' }, { error: OriginNotAllowed, note: 'the page is not on an allowed site' }],
  })
  async preflight(@Param('formId') formId: string, @Headers('origin') origin: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    void reply.header('vary', 'Origin');
    const form = await this.forms.findPublic(formId);
    if (!form) throw new NotFound('No such form');
    if (!origin || !this.forms.originAllowed(form, origin)) throw new OriginNotAllowed(`This form is not enabled for ${origin ?? 'this page'}`, { origin: origin ?? null });
    void reply
      .header('access-control-allow-origin', origin)
      .header('access-control-allow-methods', 'POST')
      .header('access-control-allow-headers', 'content-type')
      .header('access-control-max-age', '600');
  }

  @Post(':formId/submissions')
  @HttpCode(202)
  @ApiParam({ name: 'formId', format: 'uuid' })
  @ApiHeader({ name: 'Origin', required: true, description: "The page's origin: one of the form's allowed origins" })
  @Endpoint({
    summary: 'Submit a web form (public)',
    description:
      'From a page on one of the form\'s allowed origins. The consent evidence is captured here: the text of the form\'s consent version, the checkbox, ' +
      'the time, the IP, the user agent and the page URL. The same phone within 10 minutes is the same lead (`duplicate: true`, no second call). ' +
      'Limits: 120 submissions a minute per form, 10 per 10 minutes per IP and form.',
    response: { status: 202, type: LeadAcceptedDto },
    errors: [
      ValidationFailed,
      { error: ConsentRequired, note: 'the consent box was not ticked' },
      { error: OriginNotAllowed, note: 'no Origin, or one the form does not allow' },
      { error: NotFound, note: 'no such form, or it was deleted' },
      { error: RateLimited, note: 'per form and per IP, with Retry-After' },
    ],
  })
  async submit(
    @Param('formId') formId: string,
    @Body() body: LeadFormSubmissionDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LeadAcceptedDto> {
    void reply.header('vary', 'Origin');
    return this.intake.submitForm(formId, body, {
      origin: header(request.headers.origin),
      ip: request.ip ?? null,
      userAgent: header(request.headers['user-agent']),
      // Before any refusal that follows (a rate limit, a field), so that the page can read it.
      allowCors: (origin) => void reply.header('access-control-allow-origin', origin).header('access-control-expose-headers', 'Retry-After'),
    });
  }
}
