import { CoreSchema1764288000000 } from './1764288000000-core-schema';
import { AccountsAndAccess1764288100000 } from './1764288100000-accounts-and-access';
import { WebhookEventAttempts1764288300000 } from './1764288300000-webhook-event-attempts';
import { AuditLog1764288400000 } from './1764288400000-audit-log';
import { Compliance1764288410000 } from './1764288410000-compliance';
import { TrialsVerificationAndAbuse1764288500000 } from './1764288500000-trials-verification-and-abuse';
import { GoLive1764288600000 } from './1764288600000-go-live';
import { SpeedToLead1764288700000 } from './1764288700000-speed-to-lead';
import { OutboundWebhooks1764300000000 } from './1764300000000-outbound-webhooks';
import { AdminPanel1764320000000 } from './1764320000000-admin-panel';
import { TrialSessions1764321380000 } from './1764321380000-trial-sessions';
import { Analytics1764341020000 } from './1764341020000-analytics';
import { PaidInvoices1764341580000 } from './1764341580000-paid-invoices';
import { CancelAtPeriodEnd1764342060000 } from './1764342060000-cancel-at-period-end';
import { WebhookEventSubjects1764342960000 } from './1764342960000-webhook-event-subjects';
import { SubscriptionChanges1764344130000 } from './1764344130000-subscription-changes';
import { PlanOverrides1764346020000 } from './1764346020000-plan-overrides';
import { WeeklyReports1796575887003 } from './1796575887003-weekly-reports';
import { CheckoutStarts1796575838340 } from './1796575838340-checkout-starts';
import { RetentionIndexes1796576221062 } from './1796576221062-retention-indexes';
import { InboundFloodLimits1796576675482 } from './1796576675482-inbound-flood-limits';
import { TestCalls1796577657225 } from './1796577657225-test-calls';

/** Every migration, oldest first. Append new ones here (files are named <epoch ms>-<name>.ts). */
export const migrations = [CoreSchema1764288000000, AccountsAndAccess1764288100000, WebhookEventAttempts1764288300000, AuditLog1764288400000, Compliance1764288410000, TrialsVerificationAndAbuse1764288500000, GoLive1764288600000, SpeedToLead1764288700000, OutboundWebhooks1764300000000, AdminPanel1764320000000, TrialSessions1764321380000, Analytics1764341020000, PaidInvoices1764341580000, CancelAtPeriodEnd1764342060000, WebhookEventSubjects1764342960000, SubscriptionChanges1764344130000, PlanOverrides1764346020000, CheckoutStarts1796575838340, WeeklyReports1796575887003, RetentionIndexes1796576221062, InboundFloodLimits1796576675482, TestCalls1796577657225];
