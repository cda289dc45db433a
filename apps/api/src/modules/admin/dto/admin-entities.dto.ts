import { ApiProperty } from '@nestjs/swagger';
import type { AdminBusinessDetail, AdminLeadDetail, AdminPhoneNumberDetail, AdminSessionView, AdminTrialDetail, AdminUserDetail } from '@beaker/contracts';
import { AdminUserSummaryDto, MembershipSummaryDto } from '../../auth';
import { BusinessCallSummaryDto, BusinessMemberDto, BusinessOverviewDto, PlanOverrideDto } from '../../businesses';
import { LeadDto, LeadSummaryDto } from '../../leads';
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

  @ApiProperty({ type: PlanOverrideDto, nullable: true, description: "Staff's grant of included calls while it is in force (business.callsIncluded is then its value); null: the plan's" })
  planOverride: PlanOverrideDto | null;
}

export class AdminTrialOwnerDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;
}

export class AdminTrialDetailDto implements AdminTrialDetail {
  @ApiProperty({ type: TrialResponseDto })
  trial: TrialResponseDto;

  @ApiProperty({ type: AdminTrialOwnerDto, nullable: true })
  owner: AdminTrialOwnerDto | null;
}

export class AdminLeadDetailDto implements AdminLeadDetail {
  @ApiProperty({ type: LeadDto })
  lead: LeadDto;

  @ApiProperty({ type: String, nullable: true })
  businessName: string | null;
}

export class AdminPhoneNumberDetailDto implements AdminPhoneNumberDetail {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '+17735550100' })
  e164: string;

  @ApiProperty({ enum: ['provisioning', 'active', 'released'] })
  status: 'provisioning' | 'active' | 'released';

  @ApiProperty({ format: 'uuid' })
  businessId: string;

  @ApiProperty()
  businessName: string;

  @ApiProperty({ type: String, nullable: true })
  twilioSid: string | null;

  @ApiProperty({ type: String, nullable: true })
  vapiPhoneNumberId: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}
