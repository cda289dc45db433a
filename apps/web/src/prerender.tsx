import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom';
import { AppProviders } from './app/providers';
import { routes } from './app/router';

/**
 * The markup of a page as the app renders it before anything is known about the visitor (no
 * session yet: the header's account links wait for it, as they do in the browser). Run at build
 * time for `/` (prerender-landing.ts); main.tsx hydrates it. No hydration data script: the
 * landing route has no loader, and the page's policy allows no inline script.
 */
export async function renderPage(path: string): Promise<string> {
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(new URL(path, 'http://localhost')));
  if (context instanceof Response) throw new Error(`${path} answered ${context.status} (a redirect or a loader's response), not a page`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(
    <StrictMode>
      <AppProviders>
        <StaticRouterProvider router={router} context={context} hydrate={false} />
      </AppProviders>
    </StrictMode>,
  );
}
