import { Link, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../../lib/api-error';
import { usePageTitle } from '../../../lib/use-page-title';
import { useWeeklyReportUnsubscribe } from '../hooks/use-weekly-report-unsubscribe';
import { useWeeklyReportUnsubscribeInfo } from '../hooks/use-weekly-report-unsubscribe-info';

/**
 * Where a weekly report's unsubscribe link lands, signed in or not. Opening it only asks (mail
 * scanners open links: they must not unsubscribe anyone); the person's press on the button does it.
 */
export function WeeklyReportUnsubscribePage() {
  usePageTitle('Weekly report emails');
  const [params] = useSearchParams();
  const token = params.get('token');
  const info = useWeeklyReportUnsubscribeInfo(token);
  const unsubscribe = useWeeklyReportUnsubscribe();

  const invalid = !token || (info.isError && isApiError(info.error, 'ANALYTICS.UNSUBSCRIBE_LINK_INVALID'));
  return (
    <section className="container container--narrow page">
      <div className="card card--center">
        <h1>Weekly report emails</h1>
        {invalid ? (
          <p role="alert">This unsubscribe link is not valid. Open the newest report's link, or change it in your notification settings after signing in.</p>
        ) : info.isError ? (
          <p role="alert">We couldn't load this link. Check your connection and reload the page.</p>
        ) : !info.data ? (
          <p className="muted">Loading…</p>
        ) : unsubscribe.isSuccess ? (
          <p role="status">Done: {info.data.email} no longer gets the weekly report of {unsubscribe.data.businessName}.</p>
        ) : !info.data.subscribed ? (
          <p role="status">{info.data.email} already gets no weekly report of {info.data.businessName}.</p>
        ) : (
          <>
            <p>
              Stop the weekly report of <strong>{info.data.businessName}</strong> to {info.data.email}?
            </p>
            <button
              type="button"
              className="btn btn--primary btn--block btn--lg"
              disabled={unsubscribe.isPending}
              onClick={() => {
                if (!unsubscribe.isPending) unsubscribe.mutate(token);
              }}
            >
              {unsubscribe.isPending ? 'Unsubscribing…' : 'Unsubscribe'}
            </button>
            {unsubscribe.isError && <p role="alert">Not done. Check your connection and try again.</p>}
          </>
        )}
        <p className="small muted">
          You can turn it back on in your business's notification settings. <Link to="/sign-in">Sign in</Link>
        </p>
      </div>
    </section>
  );
}
