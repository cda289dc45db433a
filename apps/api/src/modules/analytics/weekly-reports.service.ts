import { Injectable, Logger } from '@nestjs/common';
import type { BusinessMemberView, WeeklyReportPreview, WeeklyReportSettings, WeeklyReportUnsubscribed, WeeklyReportUnsubscribeInfo } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { hashSecret, randomSecret } from '../../common/crypto';
import { NotFound } from '../../common/errors/common.errors';
import { Mailer } from '../../common/mail/mailer';
import { AppConfig } from '../../config/app-config';
import { MembershipService } from '../auth';
import { BusinessesService } from '../businesses';
import { CallsService } from '../calls';
import { LeadStatsService } from '../leads';
import { UnsubscribeLinkInvalid } from './analytics.errors';
import { DailySnapshots } from './daily-snapshots.service';
import { dashboardFigures, PREVIOUS, totalsOf } from './dashboard-figures';
import { addDays, daysBetween, utcRangeOf, zoneOf } from './local-days';
import { type SnapshotFigures, SnapshotsRepository } from './persistence/snapshots.repository';
import { WeeklyReportsRepository } from './persistence/weekly-reports.repository';
import { dueWeek, lastWholeWeek, type ReportWeek } from './weekly-report-schedule';
import { LISTED_LEADS, type WeeklyReportFacts, weeklyReportEmail } from './weekly-report.email';

/**
 * How long a claim is its worker's: a send takes seconds (SMTP timeouts are 5–10 s); a worker that
 * dies mid-send leaves the claim to run out, and a later run (every 15 minutes) takes it over.
 */
export const CLAIM_LEASE_MS = 10 * 60 * 1000;
/** Claims of one recipient's week before it is given up (status failed): a mail server down for an hour and more. */
export const MAX_ATTEMPTS = 5;
const PAGE = 500;
/** Unsubscribe tokens: 32 random bytes, base64url (43 characters). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

type Business = { id: string; name: string; timezone: string | null; status: string; createdAt: Date };

/**
 * The weekly report email (issue 17, item 4): every Monday at 09:00 in the business's time zone,
 * last week's figures against the week before, to its owners (unless they turned it off) and the
 * members who turned it on. Each recipient's week is claimed in Postgres before the email goes
 * out: at least once, and twice only if a worker dies between the mail server taking the message
 * and the claim being marked sent (see README.md).
 */
@Injectable()
export class WeeklyReports {
  private readonly logger = new Logger(WeeklyReports.name);

  constructor(
    private readonly businesses: BusinessesService,
    private readonly membership: MembershipService,
    private readonly leadStats: LeadStatsService,
    private readonly calls: CallsService,
    private readonly daily: DailySnapshots,
    private readonly snapshots: SnapshotsRepository,
    private readonly reports: WeeklyReportsRepository,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The scheduled run (every 15 minutes, any number of workers): every business whose report is due and not yet sent to someone. */
  async sendDue(): Promise<{ sent: number; failed: number }> {
    const now = this.clock.now();
    let sent = 0;
    let failed = 0;
    for (let afterId: string | null = null; ; ) {
      const page = await this.businesses.pageForWeeklyReports(afterId, PAGE);
      if (page.length === 0) break;
      afterId = page[page.length - 1].id;
      for (const business of page) {
        const zone = zoneOf(business.timezone);
        const week = dueWeek(now, zone);
        // A canceled business gets no report; nor one that did not exist when the week began.
        if (!week || business.status === 'canceled' || business.createdAt >= week.startsAt) continue;
        const result = await this.sendWeek(business, zone, week, now);
        sent += result.sent;
        failed += result.failed;
      }
    }
    if (sent + failed > 0) this.logger.log({ sent, failed }, 'weekly reports');
    return { sent, failed };
  }

  private async sendWeek(business: Business, zone: string, week: ReportWeek, now: Date): Promise<{ sent: number; failed: number }> {
    const recipients = await this.recipients(business.id);
    const settled = await this.reports.settledIn(business.id, week.weekStart, now);
    const pending = recipients.filter((r) => !settled.has(r.userId));
    if (pending.length === 0) return { sent: 0, failed: 0 };
    const facts = await this.facts(business, zone, week);
    let sent = 0;
    let failed = 0;
    for (const recipient of pending) {
      const claim = await this.reports.claim(business.id, recipient.userId, week.weekStart, now, new Date(now.getTime() + CLAIM_LEASE_MS), MAX_ATTEMPTS);
      if (!claim) continue; // another worker has it, or it is done
      const token = randomSecret();
      await this.reports.insertUnsubscribeToken(hashSecret(token), business.id, recipient.userId, claim.id, now);
      const message = weeklyReportEmail(recipient.email, { ...facts, unsubscribeUrl: `${this.config.appUrl}/unsubscribe/weekly-report?token=${token}` });
      // Mail clients show an unsubscribe button from this header; it opens the same confirmation page.
      message.headers = { 'List-Unsubscribe': `<${this.config.appUrl}/unsubscribe/weekly-report?token=${token}>` };
      try {
        await this.mailer.send(message);
      } catch (err) {
        failed++;
        const giveUp = claim.attempts >= MAX_ATTEMPTS;
        await this.reports.release(claim.id, this.clock.now(), (err as Error).message, giveUp);
        this.logger.warn({ businessId: business.id, weekStart: week.weekStart, attempt: claim.attempts, giveUp, err: (err as Error).message }, 'weekly report not sent');
        continue;
      }
      await this.reports.markSent(claim.id, this.clock.now());
      sent++;
    }
    return { sent, failed };
  }

  /** Owners unless they said no; members only if they said yes. */
  private async recipients(businessId: string): Promise<BusinessMemberView[]> {
    const [members, choices] = await Promise.all([this.membership.listMembers(businessId), this.reports.choicesIn(businessId)]);
    return members.filter((m) => choices.get(m.userId) ?? m.role === 'owner');
  }

  /** The report's content for a week (everything but the recipient's own unsubscribe link). */
  private async facts(business: Pick<Business, 'id' | 'name'>, zone: string, week: ReportWeek): Promise<Omit<WeeklyReportFacts, 'unsubscribeUrl'>> {
    const previousFrom = addDays(week.weekStart, -7);
    const days = new Map<string, SnapshotFigures>();
    for (const row of await this.snapshots.range(business.id, previousFrom, week.weekEnd)) days.set(row.day, row);
    // A day the snapshot job has not stored yet (it runs every 15 minutes, and may have been down) is computed now, not counted as nothing.
    for (const day of daysBetween(previousFrom, week.weekEnd)) if (!days.has(day)) days.set(day, await this.daily.figures(business.id, day, zone));
    const totals = (from: string, to: string) => totalsOf(daysBetween(from, to).map((day) => days.get(day)));
    const stored = new Map([
      [week.weekStart, totals(week.weekStart, week.weekEnd)],
      [PREVIOUS, totals(previousFrom, addDays(week.weekStart, -1))],
    ]);
    const figures = dashboardFigures({ businessId: business.id, timeZone: zone, from: week.weekStart, to: week.weekEnd, interval: 'week', stored, today: null });

    const { from } = utcRangeOf(week.weekStart, zone);
    const { to } = utcRangeOf(week.weekEnd, zone);
    const captured = await this.leadStats.capturedIn(business.id, from, to, LISTED_LEADS);
    const callIds = captured.leads.map((l) => l.inboundCallId).filter((id): id is string => id !== null);
    const calls = new Map((callIds.length ? await this.calls.findByIds(callIds) : []).map((c) => [c.id, c]));
    const leads = captured.leads.map((l) => {
      const call = l.inboundCallId ? calls.get(l.inboundCallId) : undefined;
      return { name: l.name, phone: l.phoneE164, want: call?.extractedLead?.intent ?? l.message ?? call?.summary ?? null };
    });

    const base = `${this.config.appUrl}/app/businesses/${business.id}`;
    return {
      businessName: business.name,
      weekStart: week.weekStart,
      weekEnd: week.weekEnd,
      tiles: figures.tiles,
      leads,
      leadsTotal: captured.total,
      dashboardUrl: `${base}/analytics?range=7d`,
      leadsUrl: `${base}/leads`,
      settingsUrl: `${base}/settings/notifications`,
    };
  }

  /** Staff's preview: the report of the last whole week as it would go out now (no unsubscribe link, nothing recorded). */
  async preview(businessId: string): Promise<WeeklyReportPreview> {
    if (!UUID.test(businessId)) throw new NotFound('No such business');
    const [name, timezone] = await Promise.all([this.businesses.nameOf(businessId), this.businesses.timeZoneOf(businessId)]);
    if (name === null || timezone === undefined) throw new NotFound('No such business');
    const business = { id: businessId, name };
    const zone = zoneOf(timezone);
    const week = lastWholeWeek(this.clock.now(), zone);
    const message = weeklyReportEmail('preview@beaker.invalid', { ...(await this.facts(business, zone, week)), unsubscribeUrl: null });
    return { businessId, weekStart: week.weekStart, weekEnd: week.weekEnd, timeZone: zone, subject: message.subject, html: message.html, text: message.text };
  }

  async settingsFor(businessId: string, userId: string): Promise<WeeklyReportSettings> {
    const [choice, role] = await Promise.all([this.reports.choiceOf(businessId, userId), this.membership.roleIn(businessId, userId)]);
    return { weeklyReport: choice ?? role === 'owner' };
  }

  async saveSettings(businessId: string, userId: string, settings: WeeklyReportSettings): Promise<WeeklyReportSettings> {
    await this.reports.saveChoice(businessId, userId, settings.weeklyReport, this.clock.now());
    return { weeklyReport: settings.weeklyReport };
  }

  /** What an unsubscribe link would stop, without stopping it (the page a GET shows; mail scanners only ever GET). */
  async unsubscribeInfo(token: string | undefined): Promise<WeeklyReportUnsubscribeInfo> {
    const link = await this.link(token);
    const [businessName, members, choice] = await Promise.all([
      this.businesses.nameOf(link.businessId),
      this.membership.listMembers(link.businessId),
      this.reports.choiceOf(link.businessId, link.userId),
    ]);
    const member = members.find((m) => m.userId === link.userId);
    if (businessName === null || !member) throw new UnsubscribeLinkInvalid('This link is for a team you are no longer on');
    return { businessName, email: maskEmail(member.email), subscribed: choice ?? member.role === 'owner' };
  }

  /** Turns the weekly report off for the link's person and business. Saying it twice is harmless. */
  async unsubscribe(token: string | undefined): Promise<WeeklyReportUnsubscribed> {
    const link = await this.link(token);
    const businessName = await this.businesses.nameOf(link.businessId);
    if (businessName === null) throw new UnsubscribeLinkInvalid();
    const now = this.clock.now();
    await this.reports.saveChoice(link.businessId, link.userId, false, now);
    await this.reports.useUnsubscribeToken(link.tokenHash, now);
    this.logger.log({ businessId: link.businessId, userId: link.userId }, 'weekly report unsubscribed');
    return { businessName, subscribed: false };
  }

  private async link(token: string | undefined): Promise<{ businessId: string; userId: string; tokenHash: string }> {
    if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) throw new UnsubscribeLinkInvalid();
    const tokenHash = hashSecret(token);
    const row = await this.reports.findUnsubscribeToken(tokenHash);
    if (!row) throw new UnsubscribeLinkInvalid();
    return { businessId: row.businessId, userId: row.userId, tokenHash };
  }
}

/** "o***r@pacific.test": enough to recognise one's own address, little to a stranger holding a forwarded link. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const masked = local.length <= 2 ? `${local[0] ?? ''}*` : `${local[0]}${'*'.repeat(Math.min(local.length - 2, 5))}${local[local.length - 1]}`;
  return `${masked}${email.slice(at)}`;
}
