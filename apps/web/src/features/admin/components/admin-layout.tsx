import { Link, Navigate, NavLink, Outlet, useLocation } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { LoadingState } from '../../../app/loading-state';
import { useMe } from '../../auth/hooks/use-me';
import { AdminSearchBox } from './admin-search-box';
import { StaffOnlyPage } from './staff-only-page';
import '../../dashboard/components/dashboard.css';
import '../../leads/components/leads.css';
import './admin.css';

const SECTIONS = [
  { to: '/admin', label: 'Search', end: true },
  { to: '/admin/audit', label: 'Audit log', end: false },
  { to: '/admin/abuse', label: 'Abuse', end: false },
  { to: '/admin/webhook-events', label: 'Webhook events', end: false },
  { to: '/admin/dnc', label: 'Do not call', end: false },
  { to: '/admin/costs', label: 'Costs', end: false },
  { to: '/admin/analytics', label: 'Analytics', end: false },
  { to: '/admin/health', label: 'Health', end: false },
];

/**
 * /admin/…: Beaker staff only. Signed out → sign-in (and back here after); signed in without the
 * admin role → "Staff only". Staff get the search box on every page (`/` focuses it) and the sections.
 */
export function AdminLayout() {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) return <LoadingState label="Checking your sign-in…" />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.data.role !== 'admin') return <StaffOnlyPage email={me.data.email} />;

  return (
    <div className="container container--dashboard page admin">
      <div className="admin-bar">
        <p className="eyebrow">
          <span className="badge badge--admin">Staff</span>
          <Link to="/admin" className="admin-bar__home">
            Beaker admin
          </Link>
        </p>
        <AdminSearchBox />
      </div>
      <nav aria-label="Admin" className="business-nav">
        {SECTIONS.map((s) => (
          <NavLink key={s.to} to={s.to} end={s.end}>
            {s.label}
          </NavLink>
        ))}
        {/* Served by the API (bull-board), not by this app: a whole page load. */}
        <a href="/admin/queues">Queues</a>
      </nav>
      <Outlet />
    </div>
  );
}
