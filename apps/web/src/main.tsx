// First: the features' stylesheets (imported through the router) build on it and must come after
// it in the bundle, or its base rules (.alert, .badge, .btn--primary) override their modifiers.
import './app/styles.css';
import { startTransition, StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { AppProviders } from './app/providers';
import { routes } from './app/router';

const app = (
  <StrictMode>
    <AppProviders>
      <RouterProvider router={createBrowserRouter(routes)} />
    </AppProviders>
  </StrictMode>
);

const container = document.getElementById('root') as HTMLElement;
// The built index.html carries the landing page's markup (prerendered at build time, see
// apps/web/prerender-landing.ts), painted before any script runs: React takes it over as it is,
// in a transition, so that hydrating yields to the browser (paint, input) instead of holding the
// main thread in one long task — the page is already on screen and its links work without it.
// Any other page starts from the empty shell (the API answers client-side routes with spa.html).
if (container.dataset.prerendered === window.location.pathname) {
  startTransition(() => {
    hydrateRoot(container, app);
  });
} else {
  container.replaceChildren();
  createRoot(container).render(app);
}
