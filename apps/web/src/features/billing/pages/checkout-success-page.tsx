import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { queryKeys } from '../../../lib/query-keys';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCheckoutStatus } from '../hooks/use-checkout-status';
import '../components/billing.css';

const SLOW_AFTER_MS = 20_000;

/** /app/welcome?session_id=…: Stripe sends the customer here; we wait for the business to exist, then open it. */
export function CheckoutSuccessPage() {
  const [params] = useSearchParams();
  const sessionId = params.get('session_id') ?? '';
  const status = useCheckoutStatus(sessionId);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [slow, setSlow] = useState(false);
  usePageTitle('Setting up your business');

  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), SLOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);

  const businessId = status.data?.status === 'complete' ? status.data.businessId : null;
  useEffect(() => {
    if (!businessId) return;
    // The new business belongs in the account's list too.
    void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    navigate(`/app/businesses/${businessId}`, { replace: true });
  }, [businessId, navigate, queryClient]);

  if (!sessionId) {
    return (
      <section className="container container--billing page">
        <h1>Nothing to set up here</h1>
        <p>
          This page follows a payment. <Link to="/app">Go to your account</Link>.
        </p>
      </section>
    );
  }
  if (status.isError) return <ErrorState error={status.error} onRetry={() => void status.refetch()} />;

  return (
    <section className="container container--billing page">
      <header className="page-header">
        <p className="eyebrow">Payment received</p>
        <h1>Setting up your business</h1>
      </header>
      <div className="card loading-state" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" />
        <span>Creating your business and your assistant… this takes a few seconds.</span>
      </div>
      {slow ? (
        <p className="muted">
          This is taking longer than usual. Your payment is safe; your business will appear in <Link to="/app">your account</Link> as soon as it is ready.
        </p>
      ) : null}
    </section>
  );
}
