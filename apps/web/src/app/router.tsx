import { lazy, Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { RequireAuth } from '../features/auth/components/require-auth';
import { CheckEmailPage } from '../features/auth/pages/check-email-page';
import { SignInPage } from '../features/auth/pages/sign-in-page';
import { VerifyPage } from '../features/auth/pages/verify-page';
import { DevInboxPage } from '../features/dev-inbox/pages/dev-inbox-page';
import { DevMessagesPage } from '../features/dev-inbox/pages/dev-messages-page';
import { HomePage } from '../features/home/pages/home-page';
import { LandingPage } from '../features/landing/pages/landing-page';
import { TrialBuilderPage } from '../features/trials/pages/trial-builder-page';
import { TrialCallPage } from '../features/trials/pages/trial-call-page';
import { TrialPage } from '../features/trials/pages/trial-page';
import { BillingPage } from '../features/billing/pages/billing-page';
import { CheckoutSuccessPage } from '../features/billing/pages/checkout-success-page';
import { GoLivePage } from '../features/billing/pages/go-live-page';
import { SandboxCheckoutPage } from '../features/billing/pages/sandbox-checkout-page';
import { SandboxPortalPage } from '../features/billing/pages/sandbox-portal-page';
import { BusinessLayout } from '../features/dashboard/components/business-layout';
import { AssistantPage } from '../features/dashboard/pages/assistant-page';
import { CallDetailPage } from '../features/dashboard/pages/call-detail-page';
import { CallsPage } from '../features/dashboard/pages/calls-page';
import { OverviewPage } from '../features/dashboard/pages/overview-page';
import { TeamPage } from '../features/dashboard/pages/team-page';
import { ConsentCertificatePage } from '../features/leads/pages/consent-certificate-page';
import { FormEditorPage, NewFormPage } from '../features/leads/pages/form-editor-page';
import { FormsPage } from '../features/leads/pages/forms-page';
import { LeadDetailPage } from '../features/leads/pages/lead-detail-page';
import { LeadsPage } from '../features/leads/pages/leads-page';
import { NewWebhookEndpointPage } from '../features/webhooks/pages/new-webhook-endpoint-page';
import { WebhookEndpointPage } from '../features/webhooks/pages/webhook-endpoint-page';
import { WebhooksPage } from '../features/webhooks/pages/webhooks-page';
import { AppLayout } from './layout';
import { LoadingState } from './loading-state';
import { NotFoundPage } from './not-found-page';

// Staff pages are a chunk of their own, fetched on the first visit to /admin (never for the landing page).
const AdminApp = lazy(() => import('../features/admin/admin-app'));
// The Analytics page brings the chart library: a chunk of its own, fetched when an owner opens it.
const AnalyticsPage = lazy(() => import('../features/analytics/pages/analytics-page'));

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <LandingPage /> },
      { path: 'sign-in', element: <SignInPage /> },
      { path: 'check-email', element: <CheckEmailPage /> },
      { path: 'auth/verify', element: <VerifyPage /> },
      { path: 'dev/inbox', element: <DevInboxPage /> },
      { path: 'dev/messages', element: <DevMessagesPage /> },
      // Sandbox stand-ins for Stripe's hosted checkout and portal (the sandbox API refuses them in live mode).
      { path: 'sandbox/checkout/:sessionId', element: <SandboxCheckoutPage /> },
      { path: 'sandbox/portal/:customerId', element: <SandboxPortalPage /> },
      {
        element: <RequireAuth />,
        children: [
          { path: 'app', element: <HomePage /> },
          // The trial starts after sign-in (the sign-in flow returns to /try).
          { path: 'try', element: <TrialBuilderPage /> },
          { path: 'try/:trialId', element: <TrialPage /> },
          { path: 'try/:trialId/calls/:callId', element: <TrialCallPage /> },
          { path: 'go-live', element: <GoLivePage /> },
          { path: 'app/welcome', element: <CheckoutSuccessPage /> },
          {
            path: 'app/businesses/:businessId',
            element: <BusinessLayout />,
            children: [
              { index: true, element: <OverviewPage /> },
              { path: 'calls', element: <CallsPage /> },
              { path: 'calls/:callId', element: <CallDetailPage /> },
              {
                path: 'analytics',
                element: (
                  <Suspense fallback={<LoadingState label="Loading analytics…" />}>
                    <AnalyticsPage />
                  </Suspense>
                ),
              },
              { path: 'leads', element: <LeadsPage /> },
              { path: 'leads/:leadId', element: <LeadDetailPage /> },
              { path: 'leads/:leadId/consent', element: <ConsentCertificatePage /> },
              { path: 'forms', element: <FormsPage /> },
              { path: 'forms/new', element: <NewFormPage /> },
              { path: 'forms/:formId', element: <FormEditorPage /> },
              { path: 'assistant', element: <AssistantPage /> },
              { path: 'billing', element: <BillingPage /> },
              { path: 'team', element: <TeamPage /> },
              // webhooks/:endpointId is also the link of the "endpoint disabled" email (outbound-webhooks).
              { path: 'webhooks', element: <WebhooksPage /> },
              { path: 'webhooks/new', element: <NewWebhookEndpointPage /> },
              { path: 'webhooks/:endpointId', element: <WebhookEndpointPage /> },
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

export const router = createBrowserRouter(routes);
