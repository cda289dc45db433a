import type { LeadCallView } from '@beaker/contracts';
import { createColumnHelper } from '@tanstack/react-table';
import { Link, useParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { LoadingState } from '../../../app/loading-state';
import { NotFoundPage } from '../../../app/not-found-page';
import { usePageTitle } from '../../../lib/use-page-title';
import { formatDuration, formatPhone } from '../../calls/components/call-format';
import { STATUS_LABELS } from '../../dashboard/components/dashboard-format';
import { LEAD_STATUS_LABELS } from '../../leads/components/lead-format';
import { Facts, Id, isNotFound, When } from '../components/admin-format';
import { DataTable } from '../../../components/data-table';
import { useAdminLead } from '../hooks/use-admin-lead';

const call = createColumnHelper<LeadCallView>();
const callColumns = [
  call.accessor('createdAt', { header: 'When', cell: (i) => <Link to={`/admin/calls/${i.row.original.callId}`}><When at={i.getValue()} /></Link> }),
  call.accessor('attempt', { header: 'Attempt' }),
  call.accessor('status', { header: 'Status', cell: (i) => STATUS_LABELS[i.getValue()] }),
  call.accessor('durationSeconds', { header: 'Length', cell: (i) => (i.getValue() == null ? '—' : formatDuration(i.getValue() as number)) }),
  call.accessor('endedReason', { header: 'Ended because', cell: (i) => i.getValue() ?? '—' }),
];

/** /admin/leads/:id: a lead as its business sees it, with its business and its calls. */
export function AdminLeadPage() {
  const { id = '' } = useParams();
  const detail = useAdminLead(id);
  usePageTitle('Lead · Admin');

  if (detail.isPending) return <LoadingState label="Loading the lead…" />;
  if (detail.isError) return isNotFound(detail.error) ? <NotFoundPage /> : <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const { lead, businessName } = detail.data;

  return (
    <>
      <header className="page-header">
        <p className="eyebrow">Lead</p>
        <h1 className="break-anywhere">{lead.name ?? formatPhone(lead.phone)}</h1>
      </header>
      <section className="card" aria-labelledby="lead-heading">
        <h2 id="lead-heading">Details</h2>
        <Facts
          items={[
            ['Lead id', <Id value={lead.id} />],
            ['Business', <Link to={`/admin/businesses/${lead.businessId}`}>{businessName ?? lead.businessId}</Link>],
            ['Status', `${LEAD_STATUS_LABELS[lead.status]}${lead.statusReason ? ` (${lead.statusReason})` : ''}`],
            ['Phone', formatPhone(lead.phone)],
            ['Email', lead.email],
            ['Source', lead.sourceDetail ? `${lead.source} · ${lead.sourceDetail}` : lead.source],
            ['Message', lead.message],
            ['Next attempt', lead.nextAttemptAt ? <When at={lead.nextAttemptAt} /> : null],
            ['Created', <When at={lead.createdAt} />],
          ]}
        />
      </section>
      <section className="card" aria-labelledby="lead-calls-heading">
        <h2 id="lead-calls-heading">Calls</h2>
        {lead.calls.length === 0 ? <p className="muted">No call yet.</p> : <DataTable data={lead.calls} columns={callColumns} caption="The lead's calls" getRowId={(c) => c.callId} />}
      </section>
      <section className="card" aria-labelledby="lead-timeline-heading">
        <h2 id="lead-timeline-heading">Timeline</h2>
        <details className="admin-details">
          <summary>Submissions, consent, decisions and calls, as recorded</summary>
          <pre className="admin-payload">{JSON.stringify(lead.timeline, null, 2)}</pre>
        </details>
      </section>
    </>
  );
}
