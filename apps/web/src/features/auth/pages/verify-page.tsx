import { useNavigate, useSearchParams } from 'react-router-dom';
import { DEFAULT_SIGNED_IN_PATH, safeNext } from '../../../lib/safe-next';
import { usePageTitle } from '../../../lib/use-page-title';
import { LinkProblem } from '../components/link-problem';
import { useExchangeToken } from '../hooks/use-exchange-token';

/**
 * Where the emailed link lands. Opening it does nothing by itself: the token is traded for a
 * session only when the person presses "Sign in". So a mail scanner that opens links does not use
 * them up, and a page elsewhere cannot sign someone into another account by opening a link of its
 * own (login CSRF). Then it goes where the person was going.
 */
export function VerifyPage() {
  usePageTitle('Sign in');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const exchange = useExchangeToken();
  const token = params.get('token');
  const next = safeNext(params.get('next'));

  const signIn = (): void => {
    // A token is single use: one press sends it once.
    if (!token || exchange.isPending || exchange.isSuccess) return;
    exchange.mutate(token, { onSuccess: () => navigate(next, { replace: true }) });
  };

  const redirectTo = next === DEFAULT_SIGNED_IN_PATH ? undefined : next;
  return (
    <section className="container container--narrow page">
      {!token ? (
        <LinkProblem error="missing-token" next={redirectTo} />
      ) : exchange.isError ? (
        <LinkProblem error={exchange.error} next={redirectTo} />
      ) : (
        <div className="card card--center">
          <h1>Sign in to Beaker</h1>
          <p className="muted">Press the button to finish signing in on this device.</p>
          <button type="button" className="btn btn--primary btn--block btn--lg" onClick={signIn} disabled={exchange.isPending || exchange.isSuccess}>
            {exchange.isPending || exchange.isSuccess ? 'Signing you in…' : 'Sign in'}
          </button>
        </div>
      )}
    </section>
  );
}
