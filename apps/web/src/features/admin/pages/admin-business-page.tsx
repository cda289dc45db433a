import type { BusinessCallSummary, BusinessMemberView, LeadSummary } from '@beaker/contracts';
import { createColumnHelper } from '@tanstack/react-table';
import { Link, useParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { LoadingState } from '../../../app/loading-state';
import { NotFoundPage } from '../../../app/not-found-page';
import { usePageTitle } from '../../../lib/use-page-title';
import { formatDuration, formatPhone } from '../../calls/components/call-format';
import { BusinessStatusBadge } from '../../dashboard/components/business-status-badge';
import { DIRECTION_LABELS, planLabel, STATUS_LABELS } from '../../dashboard/components/dashboard-format';
import { LEAD_STATUS_LABELS } from '../../leads/components/lead-format';
import { AuditLines, Facts, Id, isNotFound, Usd, When } from '../components/admin-format';
import { DataTable } from '../../../components/data-table';
import { PlanOverrideSection } from '../components/plan-override-section';
import { WeeklyReportPreviewSection } from '../components/weekly-report-preview-section';
import { useAdminBusiness } from '../hooks/use-admin-business';

const member = createColumnHelper<BusinessMemberView>();
const memberColumns = [
  member.accessor('email', { header: 'Email', cell: (i) => <Link to={`/admin/users/${i.row.original.userId}`}>{i.getValue()}</Link> }),
  member.accessor('role', { header: 'Role' }),
  member.accessor('joinedAt', { header: 'Joined', cell: (i) => <When at={i.getValue()} /> }),
];

const call = createColumnHelper<BusinessCallSummary>();
const callColumns = [
  call.accessor('createdAt', { header: 'When', cell: (i) => <Link to={`/admin/calls/${i.row.original.id}`}><When at={i.getValue()} /></Link> }),
  call.accessor('direction', { header: 'Direction', cell: (i) => DIRECTION_LABELS[i.getValue()] }),
  call.accessor((c) => (c.direction === 'inbound' ? c.from : c.to), { id: 'who', header: 'Caller or called', cell: (i) => (i.getValue() ? <span className="nowrap">{formatPhone(i.getValue() as string)}</span> : '—') }),
  call.accessor('status', { header: 'Status', cell: (i) => STATUS_LABELS[i.getValue()] }),
  call.accessor('durationSeconds', { header: 'Length', cell: (i) => (i.getValue() == null ? '—' : formatDuration(i.getValue() as number)) }),
];

const lead = createColumnHelper<LeadSummary>();
const leadColumns = [
  lead.accessor((l) => l.name ?? formatPhone(l.phone), { id: 'name', header: 'Lead' }),
  lead.accessor('phone', { header: 'Phone', cell: (i) => <span className="nowrap">{formatPhone(i.getValue())}</span> }),
  lead.accessor('status', { header: 'Status', cell: (i) => LEAD_STATUS_LABELS[i.getValue()] }),
  lead.accessor('createdAt', { header: 'Created', cell: (i) => <When at={i.getValue()} /> }),
];

/** /admin/businesses/:id: plan, status, usage, number and setup, plan override (set, change, remove), Stripe ids, costs and margin, members, recent calls and leads, audit lines. */
export function AdminBusinessPage() {
  const { businessId = '' } = useParams();
  const detail = useAdminBusiness(businessId);
  usePageTitle(detail.data ? `${detail.data.business.name} · Admin` : 'Business · Admin');

  if (detail.isPending) return <LoadingState label="Loading the business…" />;
  if (detail.isError) return isNotFound(detail.error) ? <NotFoundPage /> : <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const { business, stripeCustomerId, stripeSubscriptionId, members, recentCalls, recentLeads, auditEvents, margin, planOverride } = detail.data;

  return (
    <>
      <header className="page-header">
        <p className="eyebrow">Business</p>
        <h1 className="break-anywhere">{business.name}</h1>
        <p>
          <BusinessStatusBadge status={business.status} />
        </p>
      </header>

      <section className="card" aria-labelledby="overview-heading">
        <h2 id="overview-heading">Overview</h2>
        <Facts
          items={[
            ['Business id', <Id value={business.id} />],
            ['Plan', planLabel(business.plan)],
            ['Calls this period', `${business.callsUsedThisPeriod} of ${business.callsIncluded}${planOverride ? ' (plan override)' : ''}`],
            ['Period ends', <When at={business.currentPeriodEnd} />],
            ['Number', business.phoneNumber ? `${formatPhone(business.phoneNumber.e164)} (${business.phoneNumber.status})` : null],
            ['Setup', business.provisioning.error ? `${business.provisioning.status}: ${business.provisioning.error}` : business.provisioning.status],
            ['Callers reach', business.callsPausedReason ? `the fallback message (${business.callsPausedReason.replace('_', ' ')})` : 'the assistant'],
            ['Past due since', business.pastDueSince ? <When at={business.pastDueSince} /> : null],
          ]}
        />
      </section>

      <PlanOverrideSection business={business} override={planOverride} />

      <section className="card" aria-labelledby="stripe-heading">
        <h2 id="stripe-heading">Stripe</h2>
        <Facts
          items={[
            ['Customer', <Id value={stripeCustomerId} />],
            ['Subscription', <Id value={stripeSubscriptionId} />],
          ]}
        />
      </section>

      <section className="card" aria-labelledby="margin-heading" data-testid="business-margin">
        <h2 id="margin-heading">Costs and margin, last 30 days</h2>
        <Facts
          items={[
            ['Revenue', <Usd value={margin.revenueUsd} />],
            ['Paid invoices', String(margin.invoices)],
            ['Calls', String(margin.calls)],
            ['Call costs', <Usd value={margin.costUsd} />],
            ['Margin', <Usd value={margin.marginUsd} signed />],
          ]}
        />
        <p>
          <Link to="/admin/costs">All businesses' margins</Link>
        </p>
      </section>

      <section className="card" aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        {members.length === 0 ? <p className="muted">No members.</p> : <DataTable data={members} columns={memberColumns} caption="Members" getRowId={(m) => m.userId} />}
      </section>

      <section className="card" aria-labelledby="calls-heading">
        <h2 id="calls-heading">Recent calls</h2>
        {recentCalls.length === 0 ? <p className="muted">No calls yet.</p> : <DataTable data={recentCalls} columns={callColumns} caption="The 10 latest calls, newest first" getRowId={(c) => c.id} testId="business-calls" />}
      </section>

      <section className="card" aria-labelledby="leads-heading">
        <h2 id="leads-heading">Recent leads</h2>
        {recentLeads.length === 0 ? <p className="muted">No leads yet.</p> : <DataTable data={recentLeads} columns={leadColumns} caption="The 10 latest leads, newest first" getRowId={(l) => l.id} />}
      </section>

      <WeeklyReportPreviewSection businessId={business.id} />

      <section className="card" aria-labelledby="audit-heading">
        <h2 id="audit-heading">Audit</h2>
        <AuditLines events={auditEvents} allHref={`/admin/audit?businessId=${business.id}`} />
      </section>
    </>
  );
}
