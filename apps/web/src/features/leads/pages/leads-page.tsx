import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCurrentBusiness } from '../../dashboard/hooks/use-current-business';
import { filterValuesFromParams, LeadFiltersForm, paramsFromFilterValues, toLeadApiFilters, type LeadFilterValues } from '../components/lead-filters';
import { LEAD_STATUS_LABELS } from '../components/lead-format';
import { LeadNotificationsToggle } from '../components/lead-notifications-toggle';
import { LeadTable } from '../components/lead-table';
import { useBusinessLeads } from '../hooks/use-business-leads';
import { useLeadNotifications } from '../hooks/use-lead-notifications';
import '../components/leads.css';

/**
 * /app/businesses/:id/leads: every lead, newest first, filtered by status and dates (kept in the
 * URL); the new-lead email setting (`?settings=notifications`, where the email's link lands).
 */
export function LeadsPage() {
  const business = useCurrentBusiness();
  usePageTitle(`Leads · ${business.name}`);
  const [params, setParams] = useSearchParams();
  const values = filterValuesFromParams(params);
  const leads = useBusinessLeads(business.id, toLeadApiFilters(values));
  const items = leads.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(values.status || values.fromDate || values.toDate);
  const toSettings = params.get('settings') === 'notifications';
  const settingsLoaded = useLeadNotifications(business.id).isSuccess;
  const toggle = useRef<HTMLInputElement>(null);
  const settingsCard = useRef<HTMLElement>(null);

  useEffect(() => {
    // From the new-lead email's "stop these emails" link: straight to the switch.
    if (toSettings && settingsLoaded) {
      settingsCard.current?.scrollIntoView({ block: 'center' });
      toggle.current?.focus({ preventScroll: true });
    }
  }, [toSettings, settingsLoaded]);

  function apply(next: LeadFilterValues) {
    setParams(paramsFromFilterValues(next), { replace: true });
  }

  const caption = filtered
    ? `Leads${values.status ? ` with status ${LEAD_STATUS_LABELS[values.status as keyof typeof LEAD_STATUS_LABELS] ?? values.status}` : ''}${values.fromDate ? ` from ${values.fromDate}` : ''}${values.toDate ? ` to ${values.toDate}` : ''}, newest first`
    : 'All leads, newest first';

  return (
    <>
      <header className="page-header">
        <h1>Leads</h1>
        <p className="lead">Everyone who asked to be called back — from your forms, the API or a call to your number — and what your assistant did.</p>
      </header>
      <div className="card">
        <LeadFiltersForm key={params.toString()} values={values} onApply={apply} />
      </div>
      <div className="card" aria-busy={leads.isFetching}>
        {leads.isPending ? (
          <p className="muted">Loading leads…</p>
        ) : leads.isError ? (
          <ErrorState error={leads.error} onRetry={() => void leads.refetch()} />
        ) : items.length === 0 ? (
          <p className="muted">{filtered ? 'No leads match these filters.' : 'No leads yet. Put a form on your website (Forms) and each person who fills it in shows up here.'}</p>
        ) : (
          <>
            <LeadTable businessId={business.id} leads={items} caption={caption} />
            {leads.hasNextPage ? (
              <div className="button-row button-row--center">
                <button type="button" className="btn btn--secondary" onClick={() => void leads.fetchNextPage()} disabled={leads.isFetchingNextPage}>
                  {leads.isFetchingNextPage ? 'Loading…' : 'Load more leads'}
                </button>
              </div>
            ) : null}
          </>
        )}
      </div>
      <section
        id="notifications"
        ref={settingsCard}
        className={`card${toSettings ? ' card--highlight' : ''}`}
        aria-labelledby="notifications-heading"
        data-testid="lead-notifications"
      >
        <h2 id="notifications-heading">Notifications</h2>
        <LeadNotificationsToggle ref={toggle} businessId={business.id} />
      </section>
    </>
  );
}
