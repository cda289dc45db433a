import { Link } from 'react-router-dom';
import { TrialAllowance } from '../../trials/components/trial-allowance';
import { useTrials } from '../../trials/hooks/use-trials';

/**
 * The account page's trials (issue 18: no dead ends): each with its calls and time left, its
 * latest report, and the next step — continue it, or go live once it is used up or ended.
 */
export function YourTrials() {
  const trials = useTrials();
  const items = trials.data?.items ?? [];
  if (trials.isPending || items.length === 0) return null;

  return (
    <article className="card" aria-labelledby="trials-heading">
      <h2 id="trials-heading">Your trials</h2>
      <ul className="list">
        {items.map((trial) => {
          const usedUp = trial.callsUsed >= trial.callsLimit;
          const open = (trial.status === 'pending' || trial.status === 'active') && !usedUp;
          return (
            <li key={trial.id} className="list__item list__item--stacked">
              <Link to={`/try/${trial.id}`} className="list__title">
                {trial.businessName}
              </Link>
              <TrialAllowance trial={trial} />
              <div className="button-row">
                {trial.latestCallId ? (
                  <Link to={`/try/${trial.id}/calls/${trial.latestCallId}`} className="btn btn--secondary btn--sm">
                    Latest call report
                  </Link>
                ) : null}
                {trial.status === 'converted' ? null : open ? (
                  <Link to={`/try/${trial.id}`} className="btn btn--primary btn--sm">
                    Continue this trial
                  </Link>
                ) : (
                  <Link to={`/go-live?trialId=${encodeURIComponent(trial.id)}`} className="btn btn--accent btn--sm">
                    Go live
                  </Link>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </article>
  );
}
