import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { LoadingState } from '../../app/loading-state';
import { NotFoundPage } from '../../app/not-found-page';
import { AdminLayout } from './components/admin-layout';
import { AbusePage } from './pages/abuse-page';
import { AdminBusinessPage } from './pages/admin-business-page';
import { AdminCallPage } from './pages/admin-call-page';
import { AdminLeadPage } from './pages/admin-lead-page';
import { AdminPhoneNumberPage } from './pages/admin-phone-number-page';
import { AdminSearchPage } from './pages/admin-search-page';
import { AdminTrialPage } from './pages/admin-trial-page';
import { AdminUserPage } from './pages/admin-user-page';
import { AuditLogPage } from './pages/audit-log-page';
import { CostsPage } from './pages/costs-page';
import { DncPage } from './pages/dnc-page';
import { HealthPage } from './pages/health-page';
import { WebhookEventPage } from './pages/webhook-event-page';
import { WebhookEventsPage } from './pages/webhook-events-page';

// The analytics page brings the chart library (Recharts): a chunk of its own, fetched when staff open it.
const StaffAnalyticsPage = lazy(() => import('./pages/staff-analytics-page'));

/**
 * Everything under /admin, loaded on its own (router.tsx imports this file lazily): none of it is in
 * the bundle a visitor of the landing page downloads. /admin/queues is the API's, not this app's.
 */
export default function AdminApp() {
  return (
    <Routes>
      <Route element={<AdminLayout />}>
        <Route index element={<AdminSearchPage />} />
        <Route path="users/:userId" element={<AdminUserPage />} />
        <Route path="businesses/:businessId" element={<AdminBusinessPage />} />
        <Route path="calls/:callId" element={<AdminCallPage />} />
        <Route path="webhook-events" element={<WebhookEventsPage />} />
        <Route path="webhook-events/:eventId" element={<WebhookEventPage />} />
        <Route path="audit" element={<AuditLogPage />} />
        <Route path="abuse" element={<AbusePage />} />
        <Route path="dnc" element={<DncPage />} />
        <Route path="costs" element={<CostsPage />} />
        <Route
          path="analytics"
          element={
            <Suspense fallback={<LoadingState label="Loading analytics…" />}>
              <StaffAnalyticsPage />
            </Suspense>
          }
        />
        <Route path="health" element={<HealthPage />} />
        <Route path="phone-numbers/:id" element={<AdminPhoneNumberPage />} />
        <Route path="trials/:id" element={<AdminTrialPage />} />
        <Route path="leads/:id" element={<AdminLeadPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
