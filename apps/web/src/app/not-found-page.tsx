import { Link, useLocation } from 'react-router-dom';
import { usePageTitle } from '../lib/use-page-title';

export function NotFoundPage() {
  usePageTitle('Page not found');
  const { pathname } = useLocation();
  return (
    <section className="container container--narrow page">
      <div className="card card--center">
        <p className="eyebrow">Error 404</p>
        <h1>We couldn't find that page</h1>
        <p className="muted">
          Nothing lives at <code className="code-inline">{pathname}</code>. The link may be old or mistyped.
        </p>
        <div className="button-row button-row--center">
          <Link to="/" className="btn btn--primary">
            Go to the home page
          </Link>
          <Link to="/app" className="btn btn--secondary">
            Your account
          </Link>
        </div>
      </div>
    </section>
  );
}
