import { PLAN_CATALOG } from '@beaker/contracts';
import { count } from '../../../lib/count';
import { usePageTitle } from '../../../lib/use-page-title';
import { BusinessStatusBadge } from '../../dashboard/components/business-status-badge';
import { formatDate } from '../../dashboard/components/dashboard-format';
import { useCurrentBusiness } from '../../dashboard/hooks/use-current-business';
import { PlanChange } from '../components/plan-change';
import { Resubscribe } from '../components/resubscribe';
import { SubscriptionEnding } from '../components/subscription-ending';
import { useCreatePortalSession } from '../hooks/use-create-portal-session';
import '../../calls/components/calls.css';
import '../components/billing.css';

/** The business's plan and subscription; owners manage cards, invoices, plan and cancellation in the billing portal. */
export function BillingPage() {
  const business = useCurrentBusiness();
  usePageTitle(`Billing · ${business.name}`);
  const portal = useCreatePortalSession();
  const plan = PLAN_CATALOG[business.plan];
  const owner = business.yourRole === 'owner';

  return (
    <>
      <header className="page-header">
        <h1>Billing</h1>
        <p className="lead">Your plan, and where to change your card, plan or subscription.</p>
      </header>
      <article className="card" aria-labelledby="plan-heading">
        <h2 id="plan-heading">
          {plan.name} plan <BusinessStatusBadge status={business.status} />
        </h2>
        <dl className="facts">
          <div className="facts__row">
            <dt>Price</dt>
            <dd>${Math.round(plan.monthlyPriceCents / 100)} a month</dd>
          </div>
          <div className="facts__row">
            <dt>Included</dt>
            <dd>{business.callsIncluded} calls a month</dd>
          </div>
          <div className="facts__row">
            <dt>Used</dt>
            <dd>{count(business.callsUsedThisPeriod, 'call')} this period</dd>
          </div>
          <div className="facts__row">
            <dt>{business.cancelAtPeriodEnd ? 'Ends' : 'Renews'}</dt>
            <dd>{business.status === 'canceled' ? 'Canceled' : business.currentPeriodEnd ? formatDate(business.currentPeriodEnd) : '—'}</dd>
          </div>
        </dl>
        <SubscriptionEnding business={business} />
        {business.status === 'past_due' ? (
          <div className="alert alert--warning" role="status">
            Your last payment didn't go through. Update your card to keep your assistant answering.
          </div>
        ) : null}
        {portal.isError ? (
          <div className="alert alert--error" role="alert">
            We couldn't open the billing portal just now. Try again in a moment.
          </div>
        ) : null}
        {owner ? <PlanChange business={business} /> : null}
        {owner ? <Resubscribe business={business} /> : null}
        {owner ? (
          <div className="button-row">
            <button
              type="button"
              className="btn btn--primary"
              disabled={portal.isPending || portal.isSuccess}
              onClick={() => portal.mutate(business.id, { onSuccess: ({ url }) => window.location.assign(url) })}
            >
              {portal.isPending || portal.isSuccess ? 'Opening…' : 'Manage billing'}
            </button>
          </div>
        ) : (
          <p className="muted">Only the business's owners manage billing.</p>
        )}
      </article>
    </>
  );
}
