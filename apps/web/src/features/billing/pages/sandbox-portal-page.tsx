import { PLAN_CATALOG, PLANS } from '@beaker/contracts';
import { useParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { LoadingState } from '../../../app/loading-state';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCancelSandboxSubscription } from '../hooks/use-cancel-sandbox-subscription';
import { useChangeSandboxPlan } from '../hooks/use-change-sandbox-plan';
import { useSandboxPortal } from '../hooks/use-sandbox-portal';
import '../components/billing.css';
import '../../calls/components/calls.css';

const STATUS: Record<string, string> = { active: 'Active', past_due: 'Past due', canceled: 'Canceled' };

/**
 * /sandbox/portal/:customerId — stands in for Stripe's customer portal in sandbox mode: switch
 * plans or cancel, each sending the matching signed customer.subscription.* event to our webhook.
 */
export function SandboxPortalPage() {
  const { customerId = '' } = useParams();
  const portal = useSandboxPortal(customerId);
  const change = useChangeSandboxPlan(customerId);
  const cancel = useCancelSandboxSubscription(customerId);
  usePageTitle('Sandbox billing portal');

  if (portal.isPending) return <LoadingState label="Loading your subscription…" />;
  if (portal.isError) return <ErrorState error={portal.error} />;
  const { subscription, email, returnUrl } = portal.data;
  const active = subscription && subscription.status !== 'canceled';
  const busy = change.isPending || cancel.isPending;

  return (
    <section className="container container--billing page sandbox-page">
      <header className="page-header">
        <p className="eyebrow">
          <span className="badge badge--sandbox">Sandbox</span> Billing portal
        </p>
        <h1>Your Beaker subscription</h1>
        <p className="lead break-anywhere">{email}</p>
      </header>
      <div className="card">
        {subscription ? (
          <dl className="facts">
            <div className="facts__row">
              <dt>Plan</dt>
              <dd data-testid="portal-plan">{PLAN_CATALOG[subscription.plan].name}</dd>
            </div>
            <div className="facts__row">
              <dt>Status</dt>
              <dd data-testid="portal-status">{STATUS[subscription.status] ?? subscription.status}</dd>
            </div>
            <div className="facts__row">
              <dt>Renews</dt>
              <dd>{subscription.status === 'canceled' ? '—' : new Date(subscription.currentPeriodEnd).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric' })}</dd>
            </div>
          </dl>
        ) : (
          <p className="muted">No subscription.</p>
        )}
        {change.isError || cancel.isError ? (
          <div className="alert alert--error" role="alert">
            That did not work. Try again.
          </div>
        ) : null}
        {change.isSuccess || cancel.isSuccess ? (
          <div className="alert alert--success" role="status">
            Done. Beaker has been told; your dashboard shows the change in a moment.
          </div>
        ) : null}
        {active ? (
          <div className="button-row">
            {PLANS.filter((p) => p !== subscription?.plan).map((plan) => (
              <button key={plan} type="button" className="btn btn--secondary" disabled={busy} onClick={() => change.mutate(plan)}>
                Switch to {PLAN_CATALOG[plan].name} (${Math.round(PLAN_CATALOG[plan].monthlyPriceCents / 100)}/month)
              </button>
            ))}
            <button
              type="button"
              className="btn btn--ghost"
              disabled={busy}
              onClick={() => {
                if (window.confirm('Cancel the subscription now? Your assistant stops answering calls.')) cancel.mutate();
              }}
            >
              Cancel subscription
            </button>
          </div>
        ) : null}
        {returnUrl ? (
          <p>
            <a href={returnUrl}>← Return to Beaker</a>
          </p>
        ) : null}
      </div>
    </section>
  );
}
