import { PLAN_CATALOG, PLANS } from '@beaker/contracts';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { LoadingState } from '../../../app/loading-state';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCancelSandboxSubscription } from '../hooks/use-cancel-sandbox-subscription';
import { useChangeSandboxPlan } from '../hooks/use-change-sandbox-plan';
import { useResumeSandboxSubscription } from '../hooks/use-resume-sandbox-subscription';
import { useSandboxPortal } from '../hooks/use-sandbox-portal';
import '../components/billing.css';
import '../../calls/components/calls.css';
import { EmailAddress } from '../../../app/email-address';

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
  const resume = useResumeSandboxSubscription(customerId);
  const [confirming, setConfirming] = useState(false);
  usePageTitle('Sandbox billing portal');

  if (portal.isPending) return <LoadingState label="Loading your subscription…" />;
  if (portal.isError) return <ErrorState error={portal.error} />;
  const { subscription, email, returnUrl } = portal.data;
  const active = subscription && subscription.status !== 'canceled';
  const busy = change.isPending || cancel.isPending || resume.isPending;
  const periodEnd = subscription ? formatDay(subscription.currentPeriodEnd) : '';
  const ending = Boolean(active && subscription?.cancelAtPeriodEnd);

  return (
    <section className="container container--billing page sandbox-page">
      <header className="page-header">
        <p className="eyebrow">
          <span className="badge badge--sandbox">Sandbox</span> Billing portal
        </p>
        <h1>Your Beaker subscription</h1>
        <p className="lead">
          <EmailAddress email={email} />
        </p>
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
              <dt>{ending ? 'Ends' : 'Renews'}</dt>
              <dd data-testid="portal-renews">{subscription.status === 'canceled' ? '—' : periodEnd}</dd>
            </div>
          </dl>
        ) : (
          <p className="muted">No subscription.</p>
        )}
        {change.isError || cancel.isError || resume.isError ? (
          <div className="alert alert--error" role="alert">
            That did not work. Try again.
          </div>
        ) : null}
        {change.isSuccess || cancel.isSuccess || resume.isSuccess ? (
          <div className="alert alert--success" role="status">
            Done. Beaker has been told; your dashboard shows the change in a moment.
          </div>
        ) : null}
        {ending ? (
          <div className="button-row">
            <p>Your subscription ends on {periodEnd}; your assistant answers calls until then.</p>
            <button type="button" className="btn btn--primary" disabled={busy} onClick={() => resume.mutate()}>
              Resume subscription
            </button>
          </div>
        ) : active && confirming ? (
          <div className="alert alert--warning" role="group" aria-label="Cancel your subscription">
            <p className="alert__title">Cancel at the end of this period?</p>
            <p>Your assistant keeps answering calls until {periodEnd}; you can resume before then.</p>
            <div className="button-row">
              <button type="button" className="btn btn--primary" disabled={busy} onClick={() => cancel.mutate(undefined, { onSuccess: () => setConfirming(false) })}>
                Cancel on {periodEnd}
              </button>
              <button type="button" className="btn btn--secondary" disabled={busy} onClick={() => setConfirming(false)}>
                Keep my subscription
              </button>
            </div>
          </div>
        ) : active ? (
          <div className="button-row">
            {PLANS.filter((p) => p !== subscription?.plan).map((plan) => (
              <button key={plan} type="button" className="btn btn--secondary" disabled={busy} onClick={() => change.mutate(plan)}>
                Switch to {PLAN_CATALOG[plan].name} (${Math.round(PLAN_CATALOG[plan].monthlyPriceCents / 100)}/month)
              </button>
            ))}
            <button type="button" className="btn btn--ghost" disabled={busy} onClick={() => setConfirming(true)}>
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

function formatDay(iso: string): string {
  return new Date(iso).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric' });
}
