import { useEffect, useRef } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { DEFAULT_SIGNED_IN_PATH, safeNext } from '../../../lib/safe-next';
import { usePageTitle } from '../../../lib/use-page-title';
import { LinkProblem } from '../components/link-problem';
import { useExchangeToken } from '../hooks/use-exchange-token';

/** Where the emailed link lands: trades the token for a session, then goes where the person was going. */
export function VerifyPage() {
  usePageTitle('Signing you in');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const exchange = useExchangeToken();
  const token = params.get('token');
  const next = safeNext(params.get('next'));
  // A token is single use: never send it twice, even when React mounts this page twice in development.
  const sentFor = useRef<string | null>(null);

  useEffect(() => {
    if (!token || sentFor.current === token) return;
    sentFor.current = token;
    exchange.mutate(token, { onSuccess: () => navigate(next, { replace: true }) });
  }, [token, next, exchange, navigate]);

  const redirectTo = next === DEFAULT_SIGNED_IN_PATH ? undefined : next;
  return (
    <section className="container container--narrow page">
      {!token ? (
        <LinkProblem error="missing-token" next={redirectTo} />
      ) : exchange.isError ? (
        <LinkProblem error={exchange.error} next={redirectTo} />
      ) : (
        <div className="card card--center" role="status" aria-live="polite">
          <span className="spinner spinner--lg" aria-hidden="true" />
          <h1>Signing you in…</h1>
          <p className="muted">This takes a second.</p>
        </div>
      )}
    </section>
  );
}
