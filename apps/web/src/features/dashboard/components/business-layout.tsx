import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { LoadingState } from '../../../app/loading-state';
import { NotFoundPage } from '../../../app/not-found-page';
import { isApiError } from '../../../lib/api-error';
import { useBusinessOverview } from '../hooks/use-business-overview';
import { BusinessStatusBadge } from './business-status-badge';
import './dashboard.css';

const TABS = [
  { to: '', label: 'Overview', end: true },
  { to: 'calls', label: 'Calls', end: false },
  { to: 'leads', label: 'Leads', end: false },
  { to: 'analytics', label: 'Analytics', end: false },
  { to: 'forms', label: 'Forms', end: false },
  { to: 'assistant', label: 'Assistant', end: false },
  { to: 'billing', label: 'Billing', end: false },
  { to: 'team', label: 'Team', end: false },
  { to: 'settings', label: 'Settings', end: false },
  // Last: for the business's developers (integrations), not its day-to-day.
  { to: 'webhooks', label: 'Webhooks', end: false },
];

/** /app/businesses/:businessId/…: the business's name and status, its sections, and the section's page. */
export function BusinessLayout() {
  const { businessId = '' } = useParams();
  const overview = useBusinessOverview(businessId);
  const nav = useRef<HTMLElement>(null);
  const { pathname } = useLocation();

  useEffect(() => {
    // On a phone the tabs scroll sideways: bring the current one into view (Team, Webhooks are off
    // screen at 375 px). Only the tab bar scrolls, never the page.
    const bar = nav.current;
    const current = bar?.querySelector<HTMLElement>('a[aria-current="page"]');
    if (bar && current) bar.scrollLeft = Math.max(0, current.offsetLeft - bar.offsetLeft - (bar.clientWidth - current.offsetWidth) / 2);
  }, [pathname, overview.isSuccess]);

  if (overview.isPending) return <LoadingState label="Loading your dashboard…" />;
  if (overview.isError) return isApiError(overview.error, 'NOT_FOUND') ? <NotFoundPage /> : <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />;
  const business = overview.data;

  return (
    <section className="container container--dashboard page">
      <div className="business-heading">
        <p className="eyebrow" data-testid="business-name">
          {business.name}
        </p>
        <BusinessStatusBadge status={business.status} />
      </div>
      <nav ref={nav} aria-label="Business" className="business-nav">
        {TABS.map((tab) => (
          <NavLink key={tab.label} to={tab.to ? `/app/businesses/${businessId}/${tab.to}` : `/app/businesses/${businessId}`} end={tab.end}>
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Outlet context={business} />
    </section>
  );
}
