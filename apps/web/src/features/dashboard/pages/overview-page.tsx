import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { queryKeys } from '../../../lib/query-keys';
import { usePageTitle } from '../../../lib/use-page-title';
import { formatPhone } from '../../calls/components/call-format';
import { LeadsTile } from '../../leads/components/leads-tile';
import { CallList } from '../components/call-list';
import { SubscriptionEnding } from '../../billing/components/subscription-ending';
import { formatDate, pausedMessage, planLabel } from '../components/dashboard-format';
import { GoLiveChecklist } from '../components/go-live-checklist';
import { ProvisioningProgress } from '../components/provisioning-progress';
import { UsageMeter } from '../components/usage-meter';
import { useBusinessCalls } from '../hooks/use-business-calls';
import { useCurrentBusiness } from '../hooks/use-current-business';
import { useRetryProvisioning } from '../hooks/use-retry-provisioning';

/** The dashboard's first screen: is the phone answered, how much of the plan is used, leads this period, the latest calls. */
export function OverviewPage() {
  const business = useCurrentBusiness();
  usePageTitle(business.name);
  const retry = useRetryProvisioning(business.id);
  const recent = useBusinessCalls(business.id, {}, { limit: 5 });
  const calls = recent.data?.pages[0]?.items ?? [];
  const paused = business.callsPausedReason && business.callsPausedReason !== 'provisioning' ? pausedMessage(business.callsPausedReason, business.currentPeriodEnd) : null;
  const settingUp = business.provisioning.status !== 'done';
  const live = !settingUp && business.status !== 'canceled' && business.phoneNumber?.status === 'active';
  const queryClient = useQueryClient();
  useEffect(() => {
    // The layout keeps the business loaded across sections: coming back here shows today's usage.
    void queryClient.invalidateQueries({ queryKey: queryKeys.businesses.overview(business.id) });
  }, [queryClient, business.id]);

  return (
    <>
      <header className="page-header">
        <h1>Overview</h1>
        <p className="lead">{planLabel(business.plan)}</p>
      </header>

      {paused ? (
        <div className="alert alert--warning" role="status">
          <p className="alert__title">{paused.title}</p>
          <p>{paused.text}</p>
        </div>
      ) : null}

      <SubscriptionEnding business={business} />

      <div className="grid grid--2">
        <article className="card" aria-labelledby="number-heading">
          <h2 id="number-heading">Your phone number</h2>
          {business.phoneNumber && business.phoneNumber.status === 'active' ? (
            <>
              <p className="phone-number" data-testid="business-number">
                <a href={`tel:${business.phoneNumber.e164}`}>{formatPhone(business.phoneNumber.e164)}</a>
              </p>
              <p className="muted">
                {business.cancelAtPeriodEnd && business.currentPeriodEnd
                  ? `Your assistant answers every call to this number until ${formatDate(business.currentPeriodEnd)}.`
                  : 'Your assistant answers every call to this number.'}
              </p>
            </>
          ) : (
            <>
              <p className="phone-number">Connecting your number…</p>
              <p className="muted">We're setting up your number and your assistant. This usually takes under a minute.</p>
            </>
          )}
          {settingUp ? (
            <ProvisioningProgress
              provisioning={business.provisioning}
              canRetry={business.yourRole === 'owner'}
              onRetry={() => retry.mutate()}
              retrying={retry.isPending}
            />
          ) : null}
        </article>

        <article className="card">
          <UsageMeter used={business.callsUsedThisPeriod} included={business.callsIncluded} periodEnd={business.currentPeriodEnd} />
        </article>

        <LeadsTile business={business} />
      </div>

      {live ? <GoLiveChecklist businessId={business.id} e164={business.phoneNumber!.e164} owner={business.yourRole === 'owner'} /> : null}

      <article className="card" aria-labelledby="recent-heading">
        <div className="business-heading" style={{ justifyContent: 'space-between' }}>
          <h2 id="recent-heading">Latest calls</h2>
          <Link to={`/app/businesses/${business.id}/calls`} className="btn btn--ghost btn--sm">
            All calls
          </Link>
        </div>
        {recent.isPending ? (
          <p className="muted">Loading calls…</p>
        ) : calls.length === 0 ? (
          <p className="muted">No calls yet. When someone calls your number, the conversation shows up here.</p>
        ) : (
          <CallList businessId={business.id} calls={calls} />
        )}
      </article>
    </>
  );
}
