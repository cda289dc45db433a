import { usePageTitle } from '../../../lib/use-page-title';
import { WeeklyReportToggle } from '../../analytics/components/weekly-report-toggle';
import { useCurrentBusiness } from '../../dashboard/hooks/use-current-business';
import { LeadNotificationsToggle } from '../../leads/components/lead-notifications-toggle';

/** Which emails the signed-in person gets about this business: the one they choose, and those every owner gets. */
export function NotificationsPage() {
  const business = useCurrentBusiness();
  usePageTitle(`Notifications · ${business.name}`);
  return (
    <>
      <header className="page-header">
        <h1>Notifications</h1>
        <p className="lead">Emails about {business.name}, to you only: each teammate chooses their own.</p>
      </header>
      <section className="card" aria-labelledby="notify-leads">
        <h2 id="notify-leads">New leads</h2>
        <LeadNotificationsToggle businessId={business.id} />
      </section>
      <section className="card" aria-labelledby="notify-weekly">
        <h2 id="notify-weekly">Weekly report</h2>
        <WeeklyReportToggle businessId={business.id} />
      </section>
      <section className="card" aria-labelledby="notify-always">
        <h2 id="notify-always">Always sent</h2>
        <p>These go to every owner, because something needs doing:</p>
        <ul>
          <li>a payment failed (calls stop after the grace period unless the card is updated);</li>
          <li>a webhook endpoint was turned off after failing deliveries.</li>
        </ul>
      </section>
    </>
  );
}
