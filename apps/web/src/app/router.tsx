import { lazy, Suspense } from 'react';
import { Navigate, type RouteObject } from 'react-router-dom';
import { RequireAuth } from '../features/auth/components/require-auth';
import { LandingPage } from '../features/landing/pages/landing-page';
import { AppLayout } from './layout';
import { LoadingState } from './loading-state';
import { NotFoundPage } from './not-found-page';

// Staff pages are a chunk of their own, fetched on the first visit to /admin (never for the landing page).
const AdminApp = lazy(() => import('../features/admin/admin-app'));

// Every page but the landing page is a chunk of its own (route `lazy`), fetched on its first visit: the
// landing page's initial JavaScript stays small (`npm run bench -- web` prints it against its budget).
export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    // Shown while the first page's chunk loads when the app opens on a page other than the landing page.
    hydrateFallbackElement: <LoadingState label="Loading…" />,
    children: [
      { index: true, element: <LandingPage /> },
      { path: 'sign-in', lazy: () => import('../features/auth/pages/sign-in-page').then((m) => ({ Component: m.SignInPage })) },
      { path: 'check-email', lazy: () => import('../features/auth/pages/check-email-page').then((m) => ({ Component: m.CheckEmailPage })) },
      { path: 'auth/verify', lazy: () => import('../features/auth/pages/verify-page').then((m) => ({ Component: m.VerifyPage })) },
      { path: 'unsubscribe/weekly-report', lazy: () => import('../features/analytics/pages/weekly-report-unsubscribe-page').then((m) => ({ Component: m.WeeklyReportUnsubscribePage })) },
      { path: 'dev/inbox', lazy: () => import('../features/dev-inbox/pages/dev-inbox-page').then((m) => ({ Component: m.DevInboxPage })) },
      { path: 'dev/messages', lazy: () => import('../features/dev-inbox/pages/dev-messages-page').then((m) => ({ Component: m.DevMessagesPage })) },
      // Sandbox stand-ins for Stripe's hosted checkout and portal (the sandbox API refuses them in live mode).
      { path: 'sandbox/checkout/:sessionId', lazy: () => import('../features/billing/pages/sandbox-checkout-page').then((m) => ({ Component: m.SandboxCheckoutPage })) },
      // Open to signed-out visitors: starting the trial opens a trial session (email proven later by its link).
      { path: 'try', lazy: () => import('../features/trials/pages/trial-builder-page').then((m) => ({ Component: m.TrialBuilderPage })) },
      { path: 'sandbox/portal/:customerId', lazy: () => import('../features/billing/pages/sandbox-portal-page').then((m) => ({ Component: m.SandboxPortalPage })) },
      {
        element: <RequireAuth />,
        children: [
          { path: 'app', lazy: () => import('../features/home/pages/home-page').then((m) => ({ Component: m.HomePage })) },
          { path: 'try/:trialId', lazy: () => import('../features/trials/pages/trial-page').then((m) => ({ Component: m.TrialPage })) },
          { path: 'try/:trialId/calls/:callId', lazy: () => import('../features/trials/pages/trial-call-page').then((m) => ({ Component: m.TrialCallPage })) },
          { path: 'go-live', lazy: () => import('../features/billing/pages/go-live-page').then((m) => ({ Component: m.GoLivePage })) },
          { path: 'app/welcome', lazy: () => import('../features/billing/pages/checkout-success-page').then((m) => ({ Component: m.CheckoutSuccessPage })) },
          {
            path: 'app/businesses/:businessId',
            lazy: () => import('../features/dashboard/components/business-layout').then((m) => ({ Component: m.BusinessLayout })),
            children: [
              { index: true, lazy: () => import('../features/dashboard/pages/overview-page').then((m) => ({ Component: m.OverviewPage })) },
              { path: 'calls', lazy: () => import('../features/dashboard/pages/calls-page').then((m) => ({ Component: m.CallsPage })) },
              { path: 'calls/:callId', lazy: () => import('../features/dashboard/pages/call-detail-page').then((m) => ({ Component: m.CallDetailPage })) },
              // The Analytics page brings the chart library (Recharts): fetched when an owner opens it.
              { path: 'analytics', lazy: () => import('../features/analytics/pages/analytics-page').then((m) => ({ Component: m.default })) },
              { path: 'leads', lazy: () => import('../features/leads/pages/leads-page').then((m) => ({ Component: m.LeadsPage })) },
              { path: 'leads/:leadId', lazy: () => import('../features/leads/pages/lead-detail-page').then((m) => ({ Component: m.LeadDetailPage })) },
              { path: 'leads/:leadId/consent', lazy: () => import('../features/leads/pages/consent-certificate-page').then((m) => ({ Component: m.ConsentCertificatePage })) },
              { path: 'forms', lazy: () => import('../features/leads/pages/forms-page').then((m) => ({ Component: m.FormsPage })) },
              { path: 'forms/new', lazy: () => import('../features/leads/pages/form-editor-page').then((m) => ({ Component: m.NewFormPage })) },
              { path: 'forms/:formId', lazy: () => import('../features/leads/pages/form-editor-page').then((m) => ({ Component: m.FormEditorPage })) },
              { path: 'assistant', lazy: () => import('../features/dashboard/pages/assistant-page').then((m) => ({ Component: m.AssistantPage })) },
              { path: 'billing', lazy: () => import('../features/billing/pages/billing-page').then((m) => ({ Component: m.BillingPage })) },
              { path: 'team', lazy: () => import('../features/dashboard/pages/team-page').then((m) => ({ Component: m.TeamPage })) },
              {
                path: 'settings',
                lazy: () => import('../features/settings/components/settings-layout').then((m) => ({ Component: m.SettingsLayout })),
                children: [
                  { index: true, element: <Navigate to="do-not-call" replace /> },
                  { path: 'do-not-call', lazy: () => import('../features/settings/pages/do-not-call-page').then((m) => ({ Component: m.DoNotCallPage })) },
                  { path: 'consents', lazy: () => import('../features/settings/pages/consents-page').then((m) => ({ Component: m.ConsentsPage })) },
                  { path: 'compliance', lazy: () => import('../features/settings/pages/compliance-page').then((m) => ({ Component: m.CompliancePage })) },
                  { path: 'notifications', lazy: () => import('../features/settings/pages/notifications-page').then((m) => ({ Component: m.NotificationsPage })) },
                  { path: 'api-keys', lazy: () => import('../features/settings/pages/api-keys-page').then((m) => ({ Component: m.ApiKeysPage })) },
                ],
              },
              // webhooks/:endpointId is also the link of the "endpoint disabled" email (outbound-webhooks).
              { path: 'webhooks', lazy: () => import('../features/webhooks/pages/webhooks-page').then((m) => ({ Component: m.WebhooksPage })) },
              { path: 'webhooks/new', lazy: () => import('../features/webhooks/pages/new-webhook-endpoint-page').then((m) => ({ Component: m.NewWebhookEndpointPage })) },
              { path: 'webhooks/:endpointId', lazy: () => import('../features/webhooks/pages/webhook-endpoint-page').then((m) => ({ Component: m.WebhookEndpointPage })) },
            ],
          },
        ],
      },
      {
        path: 'admin/*',
        element: (
          <Suspense fallback={<LoadingState label="Loading the admin panel…" />}>
            <AdminApp />
          </Suspense>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
