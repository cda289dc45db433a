import { useId } from 'react';
import { formatDate } from './dashboard-format';
import { count } from '../../../lib/count';

/** Calls used of the plan's allowance this billing period, and when the period renews. */
export function UsageMeter({ used, included, periodEnd }: { used: number; included: number; periodEnd: string | null }) {
  const labelId = useId();
  const share = included > 0 ? Math.min(1, used / included) : 1;
  const tone = share >= 1 ? ' is-full' : share >= 0.8 ? ' is-high' : '';
  return (
    <div className="usage">
      <h2 id={labelId}>Calls this period</h2>
      <p className="usage__numbers">
        <span className="usage__used" data-testid="calls-used">
          {used}
        </span>
        <span className="muted">of {included} included</span>
      </p>
      <div
        className="usage__bar"
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={included}
        aria-valuenow={Math.min(used, included)}
        aria-valuetext={`${used} of ${count(included, 'call')} used`}
      >
        <div className={`usage__fill${tone}`} style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <p className="small muted">{periodEnd ? `The count starts again on ${formatDate(periodEnd)}.` : 'The count starts again when your plan renews.'}</p>
    </div>
  );
}
