import { useId } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCurrentBusiness } from '../../dashboard/hooks/use-current-business';
import { AnalyticsCharts } from '../components/analytics-charts';
import { analyticsCsv, analyticsCsvName } from '../components/analytics-csv';
import { PRESETS, rangeFromParams } from '../components/analytics-range';
import { AnalyticsTiles } from '../components/analytics-tiles';
import { useBusinessAnalytics } from '../hooks/use-business-analytics';
import '../analytics.css';

/** What the agent did for the business: tiles against the previous period, charts, a CSV of the points. */
export default function AnalyticsPage() {
  const business = useCurrentBusiness();
  usePageTitle(`Analytics · ${business.name}`);
  const [params, setParams] = useSearchParams();
  const { preset, range } = rangeFromParams(params, new Date());
  const analytics = useBusinessAnalytics(business.id, range);
  const intervalId = useId();

  function choose(next: { range?: string; interval?: string }) {
    const search = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) if (value) search.set(key, value);
    setParams(search, { replace: true });
  }

  function exportCsv() {
    if (!analytics.data) return;
    const url = URL.createObjectURL(new Blob([analyticsCsv(analytics.data)], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = analyticsCsvName(analytics.data);
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <>
      <header className="page-header">
        <h1>Analytics</h1>
        <p className="lead">What your assistant did for you, day by day{analytics.data ? ` (days in ${analytics.data.timeZone})` : ''}.</p>
      </header>
      <div className="card analytics-controls">
        <div role="group" aria-label="Date range" className="analytics-presets">
          {PRESETS.map((p) => (
            <button key={p.id} type="button" className={`btn ${p.id === preset ? 'btn--primary' : 'btn--secondary'}`} aria-pressed={p.id === preset} onClick={() => choose({ range: p.id, interval: p.interval })}>
              {p.label}
            </button>
          ))}
        </div>
        <div className="field analytics-interval">
          <label htmlFor={intervalId} className="field__label">
            Group by
          </label>
          <select id={intervalId} className="field__input" value={range.interval} onChange={(e) => choose({ interval: e.target.value })}>
            <option value="day">Day</option>
            <option value="week">Week</option>
          </select>
        </div>
        <button type="button" className="btn btn--secondary" onClick={exportCsv} disabled={!analytics.data}>
          Export CSV
        </button>
      </div>
      <div aria-live="polite" aria-busy={analytics.isFetching} className="analytics-body">
        {analytics.isPending ? (
          <p className="muted">Loading figures…</p>
        ) : analytics.isError ? (
          <ErrorState error={analytics.error} onRetry={() => void analytics.refetch()} />
        ) : (
          <>
            <p className="muted" data-testid="analytics-range">
              {analytics.data.from} to {analytics.data.to}
            </p>
            <AnalyticsTiles tiles={analytics.data.tiles} />
            <AnalyticsCharts series={analytics.data.series} />
          </>
        )}
      </div>
    </>
  );
}
