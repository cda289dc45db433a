import { User } from '../modules/auth/entities/user.entity';
import { ApiKey } from '../modules/auth/entities/api-key.entity';
import { MagicLink } from '../modules/auth/entities/magic-link.entity';
import { Session } from '../modules/auth/entities/session.entity';
import { Business } from '../modules/businesses/entities/business.entity';
import { BusinessMember } from '../modules/businesses/entities/business-member.entity';
import { PhoneNumber } from '../modules/businesses/entities/phone-number.entity';
import { Call } from '../modules/calls/entities/call.entity';
import { Trial } from '../modules/trials/entities/trial.entity';
import { PhoneVerification } from '../modules/trials/entities/phone-verification.entity';
import { AbuseEvent } from '../modules/trials/entities/abuse-event.entity';
import { WebhookEvent } from '../modules/webhooks/entities/webhook-event.entity';
import { WebhookEventAttempt } from '../modules/webhooks/entities/webhook-event-attempt.entity';
import { AuditLogEntry } from '../common/audit/audit-log-entry.entity';
import { DncEntry } from '../modules/compliance/entities/dnc-entry.entity';
import { ConsentRecord } from '../modules/compliance/entities/consent-record.entity';
import { ComplianceDecisionRecord } from '../modules/compliance/entities/compliance-decision.entity';

/** Every entity. Append new ones here. */
export const entities = [User, Trial, Business, BusinessMember, PhoneNumber, Call, WebhookEvent, MagicLink, Session, ApiKey, WebhookEventAttempt, PhoneVerification, AbuseEvent, AuditLogEntry, DncEntry, ConsentRecord, ComplianceDecisionRecord];
