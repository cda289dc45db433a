import { Link } from 'react-router-dom';
import { usePageTitle } from '../../../lib/use-page-title';
import { EmailAddress } from '../../../app/email-address';

/** What a signed-in customer sees at /admin: not a 404, not a blank page, but why and where to go. */
export function StaffOnlyPage({ email }: { email: string }) {
  usePageTitle('Staff only');
  return (
    <section className="container container--narrow page">
      <div className="card card--center">
        <p className="eyebrow">Error 403</p>
        <h1>Staff only</h1>
        <p className="muted">
          This part of Beaker is for Beaker staff. You're signed in as <EmailAddress as="strong" email={email} />, which is not a staff account.
        </p>
        <div className="button-row button-row--center">
          <Link to="/app" className="btn btn--primary">
            Go to your account
          </Link>
        </div>
      </div>
    </section>
  );
}
