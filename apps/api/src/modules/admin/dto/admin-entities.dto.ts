import { ApiProperty } from '@nestjs/swagger';
import type { AdminBusinessDetail, AdminSessionView, AdminUserDetail } from '@beaker/contracts';
import { AdminUserSummaryDto, MembershipSummaryDto } from '../../auth';
import { BusinessCallSummaryDto, BusinessMemberDto, BusinessOverviewDto } from '../../businesses';
import { LeadSummaryDto } from '../../leads';
import { TrialResponseDto } from '../../trials';
import { AdminMarginSummaryDto } from './admin-costs.dto';
import { AuditEventDto } from './audit-event.dto';

export class AdminSessionDto implements AdminSessionView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  lastSeenAt: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  ip: string | null;

  @ApiProperty({ type: String, nullable: true })
  userAgent: string | null;
}

export class AdminUserDetailDto implements AdminUserDetail {
  @ApiProperty({ type: AdminUserSummaryDto })
  user: AdminUserSummaryDto;

  @ApiProperty({ type: [AdminSessionDto], description: 'Newest first, at most 20' })
  sessions: AdminSessionDto[];

  @ApiProperty({ type: [MembershipSummaryDto] })
  businesses: MembershipSummaryDto[];

  @ApiProperty({ type: [TrialResponseDto], description: 'Newest first, at most 20' })
  trials: TrialResponseDto[];

  @ApiProperty({ type: [AuditEventDto], description: 'Audit lines about this user, newest first, at most 20' })
  auditEvents: AuditEventDto[];
}

export class AdminBusinessDetailDto implements AdminBusinessDetail {
  @ApiProperty({ type: BusinessOverviewDto })
  business: BusinessOverviewDto;

  @ApiProperty({ type: String, nullable: true, example: 'cus_NffrFeUfNV2Hib' })
  stripeCustomerId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'sub_1MowQVLkdIwHu7ixeRlqHVzs' })
  stripeSubscriptionId: string | null;

  @ApiProperty({ type: [BusinessMemberDto] })
  members: BusinessMemberDto[];

  @ApiProperty({ type: [BusinessCallSummaryDto], description: 'Newest first, at most 10' })
  recentCalls: BusinessCallSummaryDto[];

  @ApiProperty({ type: [LeadSummaryDto], description: 'Newest first, at most 10' })
  recentLeads: LeadSummaryDto[];

  @ApiProperty({ type: [AuditEventDto], description: 'Audit lines of this business, newest first, at most 20' })
  auditEvents: AuditEventDto[];

  @ApiProperty({ type: AdminMarginSummaryDto, description: 'Revenue (paid Stripe invoices), call costs and margin over the last 30 days' })
  margin: AdminMarginSummaryDto;
}
