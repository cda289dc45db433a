import { createBrowserRouter, Navigate, type RouteObject } from 'react-router-dom';
import { RequireAuth } from '../features/auth/components/require-auth';
import { CheckEmailPage } from '../features/auth/pages/check-email-page';
import { SignInPage } from '../features/auth/pages/sign-in-page';
import { VerifyPage } from '../features/auth/pages/verify-page';
import { DevInboxPage } from '../features/dev-inbox/pages/dev-inbox-page';
import { DevMessagesPage } from '../features/dev-inbox/pages/dev-messages-page';
import { HomePage } from '../features/home/pages/home-page';
import { LandingPage } from '../features/landing/pages/landing-page';
import { AppLayout } from './layout';
import { NotFoundPage } from './not-found-page';

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
      {
        element: <RequireAuth />,
        children: [
          { path: 'app', element: <HomePage /> },
          // The trial starts after sign-in; until the trial builder lands here, a signed-in
          // visitor goes to their home.
          { path: 'try', element: <Navigate to="/app" replace /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
