import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsIP,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CALL_DIRECTIONS,
  CALL_STATUSES,
  COMPLIANCE_DECISIONS,
  LEAD_SOURCES,
  LEAD_STATUSES,
  type CallDirection,
  type CallStatus,
  type ComplianceDecision,
  type ConsentCertificate,
  type Lead,
  type LeadAccepted,
  type LeadCallView,
  type LeadConsentInput,
  type LeadCreateRequest,
  type LeadFormSubmission,
  type LeadNotificationSettings,
  type LeadSource,
  type LeadStatus,
  type LeadSummary,
  type Page,
} from '@beaker/contracts';
import { PageQueryDto } from '../../../common/http/pagination';
import { Trim, TypeOf } from '../../../common/http/dto-transforms';

/** The public submission (custom fields under `fields`, by key). */
export class LeadFormSubmissionDto implements LeadFormSubmission {
  @ApiPropertyOptional({ description: 'The honeypot (PublicLeadForm.honeypotField): leave it empty; a filled one is accepted and dropped' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  website_confirm?: string;

  @ApiProperty({ example: 'Jordan Lee' })
  @IsString()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: '(415) 555-0123', description: 'US or Canadian; national numbers are read as North American' })
  @IsString()
  @MaxLength(40)
  phone: string;

  @ApiPropertyOptional({ example: 'jordan.lee@example.com' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: 'The AC is blowing warm air' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  message?: string;

  @ApiProperty({ description: 'The consent checkbox; must be true' })
  @IsBoolean()
  consent: boolean;

  @ApiPropertyOptional({ example: 'https://www.coolair.example/contact', description: 'The page the form was on (the embed sends location.href)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  pageUrl?: string;

  @ApiPropertyOptional({ example: 1, description: 'The consent version the page showed' })
  @IsOptional()
  @IsInt()
  @Min(1)
  consentVersion?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'boolean' }] }, example: { service: 'Repair' } })
  @IsOptional()
  @IsObject()
  fields?: Record<string, string | boolean>;
}

export class LeadAcceptedDto implements LeadAccepted {
  @ApiProperty({ format: 'uuid' })
  leadId: string;

  @ApiProperty({ description: 'The same phone within 10 minutes: the same lead, no second call' })
  duplicate: boolean;

  @ApiPropertyOptional({ example: 'Thanks! We will call you in a moment.' })
  thankYouMessage?: string;
}

export class LeadConsentInputDto implements LeadConsentInput {
  @ApiProperty({ example: 'I agree that Cool Air HVAC may call me about my request, including with an AI voice assistant.', description: 'Exactly the text the person agreed to' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  text: string;

  @ApiProperty({ format: 'date-time', description: 'When they agreed' })
  @IsISO8601({ strict: true })
  at: string;

  @ApiPropertyOptional({ example: '203.0.113.7' })
  @IsOptional()
  @IsIP()
  ip?: string;

  @ApiPropertyOptional({ example: 'https://www.coolair.example/quote', description: 'The page where they agreed' })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'], require_tld: false })
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ example: 'Mozilla/5.0 …' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  userAgent?: string;
}

export class LeadCreateRequestDto implements LeadCreateRequest {
  @ApiProperty({ example: '+14155550123', description: 'US or Canadian; national numbers are read as North American' })
  @IsString()
  @MaxLength(40)
  phone: string;

  @ApiPropertyOptional({ example: 'Jordan Lee' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'jordan.lee@example.com' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: 'Quote for a new furnace' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  message?: string;

  @ApiPropertyOptional({ example: 'zapier:facebook-ads', description: 'Where the lead came from, in your words' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string;

  @ApiPropertyOptional({ type: LeadConsentInputDto, description: 'Without it the lead is kept but never called (blocked, consent.missing)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @TypeOf(() => LeadConsentInputDto)
  consent?: LeadConsentInputDto;
}

export class LeadCallViewDto implements LeadCallView {
  @ApiProperty({ format: 'uuid', description: 'Its report: GET /v1/calls/:id' })
  callId: string;

  @ApiProperty({ example: 1, description: '1 to 3' })
  attempt: number;

  @ApiProperty({ enum: CALL_STATUSES })
  status: CallStatus;

  @ApiProperty({ enum: CALL_DIRECTIONS })
  direction: CallDirection;

  @ApiProperty({ type: String, nullable: true, example: 'customer-ended-call' })
  endedReason: string | null;

  @ApiProperty({ type: String, nullable: true })
  summary: string | null;

  @ApiProperty({ type: Number, nullable: true })
  durationSeconds: number | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'window.federal' })
  rule: string;

  @ApiProperty({ example: 'outside 8 am–9 pm at the called party' })
  detail: string;
}

/* A lead's timeline: one entry per kind, told apart by `kind` (a discriminated union in the document). */

export class LeadSubmissionEntryDto {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ enum: ['submission'] })
  kind: 'submission';

  @ApiProperty({ enum: LEAD_SOURCES })
  source: LeadSource;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  formId: string | null;

  @ApiProperty({ type: String, nullable: true })
  pageUrl: string | null;
}

export class LeadConsentEntryDto {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ enum: ['consent'] })
  kind: 'consent';

  @ApiProperty({ format: 'uuid' })
  consentId: string;

  @ApiProperty({ example: 'web_form' })
  method: string;

  @ApiProperty({ type: String, nullable: true })
  version: string | null;
}

export class LeadDecisionEntryDto {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ enum: ['decision'] })
  kind: 'decision';

  @ApiProperty({ format: 'uuid' })
  decisionId: string;

  @ApiProperty({ enum: COMPLIANCE_DECISIONS })
  decision: ComplianceDecision;

  @ApiProperty({ type: [ReasonDto] })
  reasons: ReasonDto[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextAllowedAt: string | null;
}

export class LeadCallEntryDto {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ enum: ['call'] })
  kind: 'call';

  @ApiProperty({ format: 'uuid' })
  callId: string;

  @ApiProperty({ example: 1 })
  attempt: number;

  @ApiProperty({ enum: CALL_STATUSES })
  status: CallStatus;

  @ApiProperty({ type: String, nullable: true })
  endedReason: string | null;
}

export class LeadStatusEntryDto {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ enum: ['status'] })
  kind: 'status';

  @ApiProperty({ enum: LEAD_STATUSES })
  status: LeadStatus;

  @ApiProperty({ type: String, nullable: true, example: 'no_answer' })
  reason: string | null;
}

export class LeadNotifiedEntryDto {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ enum: ['notified'] })
  kind: 'notified';

  @ApiProperty({ example: 2 })
  recipients: number;
}

const TIMELINE_ENTRIES = {
  submission: LeadSubmissionEntryDto,
  consent: LeadConsentEntryDto,
  decision: LeadDecisionEntryDto,
  call: LeadCallEntryDto,
  status: LeadStatusEntryDto,
  notified: LeadNotifiedEntryDto,
};

type LeadTimelineEntryDto = LeadSubmissionEntryDto | LeadConsentEntryDto | LeadDecisionEntryDto | LeadCallEntryDto | LeadStatusEntryDto | LeadNotifiedEntryDto;

export class LeadExtractedDto {
  @ApiProperty({ type: String, nullable: true })
  name: string | null;

  @ApiProperty({ type: String, nullable: true })
  intent: string | null;

  @ApiProperty({ type: String, nullable: true })
  urgency: string | null;
}

@ApiExtraModels(...Object.values(TIMELINE_ENTRIES))
export class LeadDto implements Lead {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  businessId: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  formId: string | null;

  @ApiProperty({ enum: LEAD_SOURCES })
  source: LeadSource;

  @ApiProperty({ type: String, nullable: true, example: 'zapier:facebook-ads' })
  sourceDetail: string | null;

  @ApiProperty({ enum: LEAD_STATUSES })
  status: LeadStatus;

  @ApiProperty({ type: String, nullable: true, example: 'consent.missing', description: 'Why the status, when there is a reason' })
  statusReason: string | null;

  @ApiProperty({ example: '+14155550123' })
  phone: string;

  @ApiProperty({ type: String, nullable: true })
  name: string | null;

  @ApiProperty({ type: String, nullable: true })
  email: string | null;

  @ApiProperty({ type: String, nullable: true })
  message: string | null;

  @ApiProperty({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'boolean' }] } })
  fields: Record<string, string | boolean>;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The next call attempt, when one is scheduled' })
  nextAttemptAt: string | null;

  @ApiProperty({ example: 1 })
  attempts: number;

  @ApiProperty({ type: LeadExtractedDto, nullable: true, description: 'What the agent learnt on the call' })
  extracted: LeadExtractedDto | null;

  @ApiProperty({ type: [LeadCallViewDto] })
  calls: LeadCallViewDto[];

  @ApiProperty({
    type: 'array',
    items: {
      oneOf: Object.values(TIMELINE_ENTRIES).map((entry) => ({ $ref: getSchemaPath(entry) })),
      discriminator: { propertyName: 'kind', mapping: Object.fromEntries(Object.entries(TIMELINE_ENTRIES).map(([kind, entry]) => [kind, getSchemaPath(entry)])) },
    },
    description: 'Oldest first; `kind` says which members an entry has',
  })
  timeline: LeadTimelineEntryDto[];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class LeadSummaryDto implements LeadSummary {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: LEAD_SOURCES })
  source: LeadSource;

  @ApiProperty({ enum: LEAD_STATUSES })
  status: LeadStatus;

  @ApiProperty({ type: String, nullable: true })
  statusReason: string | null;

  @ApiProperty({ example: '+14155550123' })
  phone: string;

  @ApiProperty({ type: String, nullable: true })
  name: string | null;

  @ApiProperty({ type: String, nullable: true })
  message: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextAttemptAt: string | null;

  @ApiProperty()
  attempts: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class LeadPageDto implements Page<LeadSummary> {
  @ApiProperty({ type: [LeadSummaryDto] })
  items: LeadSummaryDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class LeadListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LEAD_STATUSES })
  @IsOptional()
  @IsIn(LEAD_STATUSES)
  status?: LeadStatus;

  @ApiPropertyOptional({ format: 'date-time', description: 'Leads created at or after this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Leads created before this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class LeadCountsQueryDto {
  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  from: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Default: no end (every lead since from)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class LeadStatusCountsDto implements Record<LeadStatus, number> {
  @ApiProperty() new: number;
  @ApiProperty() calling: number;
  @ApiProperty() called: number;
  @ApiProperty() deferred: number;
  @ApiProperty() blocked: number;
  @ApiProperty() failed: number;
}

export class LeadCountsDto {
  @ApiProperty({ example: 12 })
  total: number;

  @ApiProperty({ type: LeadStatusCountsDto })
  byStatus: LeadStatusCountsDto;
}

export class ConsentEvidenceDto {
  @ApiProperty() consentText: string;
  @ApiProperty({ type: String, nullable: true }) consentVersion: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) formId: string | null;
  @ApiProperty({ type: String, nullable: true }) formName: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'The checkbox was ticked (null: the integrator did not say)' }) checkboxChecked: boolean | null;
  @ApiProperty({ format: 'date-time' }) capturedAt: string;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent: string | null;
  @ApiProperty({ type: String, nullable: true }) pageUrl: string | null;
  @ApiProperty({ enum: ['web_form', 'api'] }) method: string;
}

export class CertificateDecisionDto {
  @ApiProperty({ format: 'uuid' }) decisionId: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: COMPLIANCE_DECISIONS }) decision: ComplianceDecision;
  @ApiProperty({ type: [ReasonDto] }) reasons: ReasonDto[];
  @ApiProperty({ example: '2026-11-01' }) rulesVersion: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) callId: string | null;
}

export class RevocationDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ example: 'sms_stop' }) method: string;
  @ApiProperty({ type: String, nullable: true }) statement: string | null;
}

export class ConsentCertificateDto implements Omit<ConsentCertificate, 'evidence'> {
  @ApiProperty({ format: 'uuid' }) leadId: string;
  @ApiProperty({ format: 'uuid' }) businessId: string;
  @ApiProperty() businessName: string;
  @ApiProperty({ example: '+14155550123' }) phone: string;
  @ApiProperty({ type: ConsentEvidenceDto, nullable: true, description: 'As captured at submission; null: the lead came without consent' }) evidence: ConsentEvidenceDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 (hex) of the evidence, recorded at submission' }) evidenceSha256: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'The evidence as stored now still hashes to the recorded value' }) evidenceIntact: boolean | null;
  @ApiProperty({ type: [CertificateDecisionDto] }) decisions: CertificateDecisionDto[];
  @ApiProperty({ type: [LeadCallViewDto] }) calls: LeadCallViewDto[];
  @ApiProperty({ type: [RevocationDto], description: 'Later withdrawals of consent for this number' }) revocations: RevocationDto[];
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
}

export class LeadNotificationSettingsDto implements LeadNotificationSettings {
  @ApiProperty({ description: 'Email me every new lead of this business (owners: on by default; members: off)' })
  @IsBoolean()
  emailOnNewLead: boolean;
}
