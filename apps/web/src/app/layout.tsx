import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useMe } from '../features/auth/hooks/use-me';
import { useSignOut } from '../features/auth/hooks/use-sign-out';
import { LogoMark } from './logo';

export function AppLayout() {
  const mainRef = useMainFocusOnNavigation();
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <SiteHeader />
      <main id="main" ref={mainRef} tabIndex={-1} className="site-main">
        <Outlet />
      </main>
      <SiteFooter />
    </div>
  );
}

/**
 * After a client-side navigation, move focus to the new page's main region so keyboard and
 * screen-reader users start at the new content instead of wherever the old page left them.
 */
function useMainFocusOnNavigation() {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  // The path focus was last placed for (the first page's, at first): a change of path, not an
  // effect's run, moves it — StrictMode runs every effect twice when a page mounts.
  const focusedFor = useRef(pathname);
  useEffect(() => {
    if (focusedFor.current === pathname) return;
    focusedFor.current = pathname;
    mainRef.current?.focus({ preventScroll: false });
    window.scrollTo({ top: 0 });
  }, [pathname]);
  return mainRef;
}

function SiteHeader() {
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const signedIn = Boolean(me.data);

  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link to="/" className="brand" aria-label="Beaker home">
          <LogoMark />
          <span className="brand__name" aria-hidden="true">
            Beaker
          </span>
        </Link>
        <nav aria-label="Account" className="site-nav">
          {me.isPending ? null : signedIn ? (
            <>
              <NavLink to="/app" className="btn btn--ghost btn--sm">
                Account
              </NavLink>
              <button
                type="button"
                className="btn btn--secondary btn--sm"
                disabled={signOut.isPending}
                onClick={() => signOut.mutate(undefined, { onSuccess: () => navigate('/sign-in', { state: { signedOut: true } }) })}
              >
                {signOut.isPending ? 'Signing out…' : 'Sign out'}
              </button>
            </>
          ) : (
            <>
              <NavLink to="/sign-in" className="btn btn--ghost btn--sm">
                Sign in
              </NavLink>
              <Link to="/try" className="btn btn--primary btn--sm site-nav__cta">
                Try it free
              </Link>
            </>
          )}
        </nav>
      </div>
      {signOut.isError ? (
        <div className="container">
          <p role="alert" className="alert alert--error site-header__alert">
            We couldn't sign you out just now. Check your connection and try again.
          </p>
        </div>
      ) : null}
    </header>
  );
}

function SiteFooter() {
  const me = useMe();
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <p className="site-footer__brand">
          <LogoMark size={20} /> <span>Beaker · AI phone agents for small businesses</span>
        </p>
        <nav aria-label="Footer">
          <ul className="site-footer__links">
            <li>
              <a href="/docs">API documentation</a>
            </li>
            <li>{me.data ? <Link to="/app">Your account</Link> : <Link to="/sign-in">Sign in</Link>}</li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
