import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { DEFAULT_SIGNED_IN_PATH, safeNext } from '../../../lib/safe-next';
import { usePageTitle } from '../../../lib/use-page-title';
import { SignInForm } from '../components/sign-in-form';
import { useMe } from '../hooks/use-me';
import type { CheckEmailState } from './check-email-page';

export function SignInPage() {
  usePageTitle('Sign in');
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const me = useMe();
  const next = safeNext(params.get('next'));
  const signedOut = (location.state as { signedOut?: boolean } | null)?.signedOut === true;
  const startingTrial = next === '/try';

  return (
    <section className="container container--narrow page">
      <div className="card card--form">
        {signedOut && !me.data ? (
          <p className="alert alert--success" role="status">
            You're signed out. See you soon.
          </p>
        ) : null}
        <h1>{startingTrial ? 'Start your free trial' : 'Sign in to Beaker'}</h1>
        <p className="lead">
          {startingTrial
            ? 'First, your email. We send a link that signs you in — then you build your agent and it calls your phone.'
            : 'Enter your email and we will send you a link that signs you in.'}
        </p>
        {me.data && !me.data.trialSessionFor ? (
          <div className="alert alert--info" role="status">
            <p>
              You're already signed in as <strong>{me.data.email}</strong>.
            </p>
            <Link to={next} className="btn btn--primary btn--sm">
              Continue
            </Link>
          </div>
        ) : null}
        <SignInForm
          redirectTo={next === DEFAULT_SIGNED_IN_PATH ? undefined : next}
          onSent={(email, accepted) => {
            const state: CheckEmailState = { email, expiresInMinutes: accepted.expiresInMinutes, next };
            navigate('/check-email', { state });
          }}
        />
        <p className="small muted form-footnote">
          New to Beaker? The same link creates your account. By continuing you agree to receive sign-in emails from us.
        </p>
      </div>
    </section>
  );
}
