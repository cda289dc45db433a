import { useParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { LoadingState } from '../../../app/loading-state';
import { usePageTitle } from '../../../lib/use-page-title';
import { usePaySandboxCheckout } from '../hooks/use-pay-sandbox-checkout';
import { useSandboxCheckout } from '../hooks/use-sandbox-checkout';
import '../components/billing.css';
import '../../calls/components/calls.css';
import { EmailAddress } from '../../../app/email-address';

const usd = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);

/**
 * /sandbox/checkout/:sessionId — stands in for Stripe Checkout when Beaker runs without provider
 * keys. "Pay" makes the sandbox send Stripe's signed events to our webhook, then goes on to the
 * success URL, exactly as Stripe would.
 */
export function SandboxCheckoutPage() {
  const { sessionId = '' } = useParams();
  const session = useSandboxCheckout(sessionId);
  const pay = usePaySandboxCheckout();
  usePageTitle('Sandbox checkout');

  if (session.isPending) return <LoadingState label="Loading the checkout…" />;
  if (session.isError) return <ErrorState error={session.error} />;
  const s = session.data;
  const open = s.status === 'open';

  return (
    <section className="container container--billing page sandbox-page">
      <header className="page-header">
        <p className="eyebrow">
          <span className="badge badge--sandbox">Sandbox</span> Test payment — no card is charged
        </p>
        <h1>Subscribe to Beaker {s.planName}</h1>
      </header>
      <div className="card">
        <dl className="facts">
          <div className="facts__row">
            <dt>Plan</dt>
            <dd>Beaker {s.planName}, billed monthly</dd>
          </div>
          <div className="facts__row">
            <dt>Email</dt>
            <dd>
              <EmailAddress email={s.customerEmail} />
            </dd>
          </div>
        </dl>
        <p className="summary-total">
          <span>Due today</span>
          <span data-testid="amount-due">{usd(s.amountTotal)}</span>
        </p>
        {pay.isError ? (
          <div className="alert alert--error" role="alert">
            The payment did not go through. Try again.
          </div>
        ) : null}
        {open ? (
          <div className="button-row">
            <button
              type="button"
              className="btn btn--primary btn--lg btn--block"
              disabled={pay.isPending || pay.isSuccess}
              onClick={() => pay.mutate(sessionId, { onSuccess: (result) => window.location.assign(result.redirectUrl) })}
            >
              {pay.isPending || pay.isSuccess ? 'Processing…' : `Pay ${usd(s.amountTotal)}`}
            </button>
            <a className="btn btn--ghost" href={s.cancelUrl}>
              Cancel and go back
            </a>
          </div>
        ) : (
          <div className="alert" role="status">
            {s.status === 'complete' ? 'This checkout is already paid.' : 'This checkout has expired. Start again from Beaker.'}{' '}
            <a href={s.status === 'complete' ? s.successUrl.replace('{CHECKOUT_SESSION_ID}', s.id) : s.cancelUrl}>Continue</a>
          </div>
        )}
      </div>
    </section>
  );
}
