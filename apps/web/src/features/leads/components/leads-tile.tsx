import type { BusinessOverview } from '@beaker/contracts';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { formatDate } from '../../dashboard/components/dashboard-format';
import { useLeadCounts } from '../hooks/use-lead-counts';
import './leads-tile.css';

const DAY_MS = 86_400_000;

/**
 * Where "this period" starts: a month before the period's end (plans renew monthly; the overview
 * has no period start), or 30 days ago when there is no period; never in the future.
 */
export function periodStart(currentPeriodEnd: string | null, now: Date = new Date()): Date {
  if (currentPeriodEnd) {
    const end = new Date(currentPeriodEnd);
    const start = new Date(end);
    start.setUTCMonth(start.getUTCMonth() - 1);
    // setUTCMonth overflows (Mar 31 − 1 month = Mar 3): clamp to the last day of the month before.
    if (start.getUTCMonth() === end.getUTCMonth()) start.setUTCDate(0);
    if (start.getTime() <= now.getTime()) return start;
  }
  return new Date(now.getTime() - 30 * DAY_MS);
}

/** The overview's "Leads" tile: how many leads this period, how many the agent called, deferred, blocked. */
export function LeadsTile({ business }: { business: BusinessOverview }) {
  // Whole minutes, so the query key does not change on every render.
  const from = useMemo(() => {
    const start = periodStart(business.currentPeriodEnd);
    start.setUTCSeconds(0, 0);
    return start.toISOString();
  }, [business.currentPeriodEnd]);
  const counts = useLeadCounts(business.id, from);
  const by = counts.data?.byStatus;

  return (
    <article className="card leads-tile" aria-labelledby="leads-tile-heading">
      <div className="business-heading" style={{ justifyContent: 'space-between' }}>
        <h2 id="leads-tile-heading">Leads</h2>
        <Link to={`/app/businesses/${business.id}/leads`} className="btn btn--ghost btn--sm">
          All leads
        </Link>
      </div>
      <p className="muted small">Since {formatDate(from)}</p>
      {counts.isPending ? (
        <p className="muted">Loading…</p>
      ) : counts.isError ? (
        <p className="muted">We couldn't count your leads just now.</p>
      ) : (
        <>
          <p className="leads-tile__total">
            <span className="usage__used" data-testid="leads-total">
              {counts.data.total}
            </span>{' '}
            {counts.data.total === 1 ? 'lead' : 'leads'}
          </p>
          <dl className="leads-tile__counts">
            <div>
              <dt>Called</dt>
              <dd data-testid="leads-called">{by?.called ?? 0}</dd>
            </div>
            <div>
              <dt>Deferred</dt>
              <dd data-testid="leads-deferred">{by?.deferred ?? 0}</dd>
            </div>
            <div>
              <dt>Blocked</dt>
              <dd data-testid="leads-blocked">{by?.blocked ?? 0}</dd>
            </div>
          </dl>
          {counts.data.total === 0 ? (
            <p className="muted small">
              Put a <Link to={`/app/businesses/${business.id}/forms`}>form</Link> on your website: your assistant calls each lead within seconds.
            </p>
          ) : null}
        </>
      )}
    </article>
  );
}
