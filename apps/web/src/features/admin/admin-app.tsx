import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../../app/not-found-page';
import { AdminLayout } from './components/admin-layout';
import { AbusePage } from './pages/abuse-page';
import { AdminBusinessPage } from './pages/admin-business-page';
import { AdminCallPage } from './pages/admin-call-page';
import { AdminSearchPage } from './pages/admin-search-page';
import { AdminUserPage } from './pages/admin-user-page';
import { AuditLogPage } from './pages/audit-log-page';
import { CostsPage } from './pages/costs-page';
import { DncPage } from './pages/dnc-page';
import { HealthPage } from './pages/health-page';
import { NoStaffPage } from './pages/no-staff-page';
import { WebhookEventPage } from './pages/webhook-event-page';
import { WebhookEventsPage } from './pages/webhook-events-page';

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
        <Route path="health" element={<HealthPage />} />
        <Route path="phone-numbers/:id" element={<NoStaffPage what="Phone number" hint="Search results for a number link to its business; its calls are on the business's page." />} />
        <Route path="trials/:id" element={<NoStaffPage what="Trial" hint="A trial is on the page of the user who started it (search their email)." />} />
        <Route path="leads/:id" element={<NoStaffPage what="Lead" hint="A business's latest leads are on its page; search the lead's phone number to find the business." />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
