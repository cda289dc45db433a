import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useMe } from '../hooks/use-me';
import { LoadingState } from '../../../app/loading-state';
import { ErrorState } from '../../../app/error-state';

/** Guards the routes below it: signed-out visitors go to sign-in and come back here afterwards. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) return <LoadingState label="Checking your sign-in…" />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
