import type { Plan } from '@beaker/contracts';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../../lib/api-error';
import { usePageTitle } from '../../../lib/use-page-title';
import { useMe } from '../../auth/hooks/use-me';
import { PlanPicker } from '../components/plan-picker';
import { useCreateCheckoutSession } from '../hooks/use-create-checkout-session';
import { useGoLiveTrial } from '../hooks/use-go-live-trial';
import '../components/billing.css';
import { EmailAddress } from '../../../app/email-address';

/** /go-live?trialId=…: the trial's agent, on a plan, answering the business's own number after one payment. */
export function GoLivePage() {
  const [params] = useSearchParams();
  const trialId = params.get('trialId') ?? '';
  const canceled = params.get('canceled') === '1';
  const trial = useGoLiveTrial(trialId);
  const [plan, setPlan] = useState<Plan>('starter');
  const checkout = useCreateCheckoutSession();
  const businessName = trialId ? trial.data?.businessName : undefined;
  // A trial session (started from the landing page): the email must be proven by its link before paying.
  const me = useMe();
  const emailUnproven = Boolean(me.data?.trialSessionFor);
  usePageTitle('Go live');

  function continueToPayment() {
    checkout.mutate(
      { plan, ...(trialId ? { trialId } : {}) },
      {
        // Stripe Checkout (or the sandbox's page) is a full page: leave the app for it.
        onSuccess: (session) => window.location.assign(session.url),
      },
    );
  }

  const error = checkout.error;
  return (
    <section className="container container--billing page">
      <header className="page-header">
        <p className="eyebrow">Go live</p>
        <h1>{businessName ? `Put ${businessName}'s agent on your phone line` : 'Put your agent on your phone line'}</h1>
        <p className="lead">
          Subscribe to a monthly plan: we create your assistant{businessName ? ' from your trial' : ''}, give you a local phone number, and it answers
          every call from then on. Cancel any time from Billing.
        </p>
      </header>

      {canceled ? (
        <div className="alert" role="status">
          Checkout was canceled; nothing was charged. Pick a plan whenever you're ready.
        </div>
      ) : null}
      {emailUnproven ? (
        <div className="alert" role="note">
          <p>
            First, confirm your email: open the link we sent to <EmailAddress as="strong" email={me.data?.email ?? ''} />. It brings you back here, signed in.
          </p>
          <Link to={`/sign-in?next=${encodeURIComponent(`/go-live${trialId ? `?trialId=${trialId}` : ''}`)}`} className="btn btn--secondary btn--sm">
            Email me a new link
          </Link>
        </div>
      ) : null}
      {error ? (
        <div className="alert alert--error" role="alert">
          {isApiError(error, 'AUTH.EMAIL_NOT_VERIFIED') ? (
            'Open the link we emailed you to confirm your address, then continue to payment.'
          ) : isApiError(error, 'BILLING.TRIAL_CONVERTED') ? (
            <>
              This trial already went live. <Link to="/app">Open your dashboard</Link>.
            </>
          ) : isApiError(error, 'BILLING.TRIAL_NOT_FOUND') ? (
            'We could not find this trial among yours.'
          ) : (
            "We couldn't open the checkout just now. Try again in a moment."
          )}
        </div>
      ) : null}

      <div className="card form">
        <PlanPicker value={plan} onChange={setPlan} />
        <div className="button-row">
          <button type="button" className="btn btn--primary btn--lg" onClick={continueToPayment} disabled={emailUnproven || checkout.isPending || checkout.isSuccess}>
            {checkout.isPending || checkout.isSuccess ? 'Opening checkout…' : 'Continue to payment'}
          </button>
        </div>
        <p className="small muted">Payments are handled by Stripe. You become the owner of the new business and can add your team.</p>
      </div>
    </section>
  );
}
