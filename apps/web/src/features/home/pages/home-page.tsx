import { Link, useNavigate } from 'react-router-dom';
import { usePageTitle } from '../../../lib/use-page-title';
import { useMe } from '../../auth/hooks/use-me';
import { useSignOut } from '../../auth/hooks/use-sign-out';
import { YourTrials } from '../components/your-trials';

/** The signed-in home: who you are, which businesses you belong to, and the way out. */
export function HomePage() {
  usePageTitle('Your account');
  const { data: me } = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  if (!me) return null; // RequireAuth renders this page only for a signed-in user.

  return (
    <section className="container page">
      <header className="page-header">
        <p className="eyebrow">Your account</p>
        <h1>Welcome to Beaker</h1>
        <p className="lead">
          Signed in as <strong className="break-anywhere" data-testid="signed-in-email">{me.email}</strong>
          {me.role === 'admin' ? <span className="badge badge--admin">Staff</span> : null}
        </p>
      </header>

      <div className="grid grid--2">
        <article className="card" aria-labelledby="businesses-heading">
          <h2 id="businesses-heading">Your businesses</h2>
          {me.businesses.length === 0 ? (
            <p className="muted">
              You're not part of a business on Beaker yet. A business appears here once you go live with a plan, or when
              an owner adds you to theirs. <Link to="/try">Try an agent on your phone</Link>.
            </p>
          ) : (
            <ul className="list">
              {me.businesses.map((business) => (
                <li key={business.id} className="list__item">
                  <Link to={`/app/businesses/${business.id}`} className="list__title">
                    {business.name}
                  </Link>
                  <span className="badge">{business.role === 'owner' ? 'Owner' : 'Member'}</span>
                </li>
              ))}
            </ul>
          )}
        </article>

        <YourTrials />

        <article className="card" aria-labelledby="session-heading">
          <h2 id="session-heading">This device</h2>
          <p className="muted">You stay signed in on this device for 30 days of activity. Signing out ends this session now.</p>
          {signOut.isError ? (
            <p className="alert alert--error" role="alert">
              We couldn't sign you out just now. Try again.
            </p>
          ) : null}
          <button
            type="button"
            className="btn btn--secondary"
            disabled={signOut.isPending}
            onClick={() => signOut.mutate(undefined, { onSuccess: () => navigate('/sign-in', { state: { signedOut: true } }) })}
          >
            {signOut.isPending ? 'Signing out…' : 'Sign out'}
          </button>
        </article>
      </div>
    </section>
  );
}
