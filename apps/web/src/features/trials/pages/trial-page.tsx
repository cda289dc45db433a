import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { LoadingState } from '../../../app/loading-state';
import { NotFoundPage } from '../../../app/not-found-page';
import { isApiError } from '../../../lib/api-error';
import { usePageTitle } from '../../../lib/use-page-title';
import { CallMeStep } from '../components/call-me-step';
import { TrialProgress } from '../components/trial-progress';
import { VerifyPhoneStep } from '../components/verify-phone-step';
import { useTrial } from '../hooks/use-trial';
import '../components/trials.css';

/** /try/:trialId: verify the phone, then "Call me now". An ended trial points to going live. */
export function TrialPage() {
  const { trialId = '' } = useParams();
  const trial = useTrial(trialId);
  const navigate = useNavigate();
  // Set when the code was just confirmed here: the start form's button asked for the call already.
  const [callNow, setCallNow] = useState(false);
  usePageTitle(trial.data ? `Your agent for ${trial.data.businessName}` : 'Your trial');

  if (trial.isPending) return <LoadingState label="Loading your trial…" />;
  if (trial.isError) return isApiError(trial.error, 'NOT_FOUND') ? <NotFoundPage /> : <ErrorState error={trial.error} onRetry={() => void trial.refetch()} />;
  const t = trial.data;
  const ended = t.status === 'expired' || t.status === 'converted';

  return (
    <section className="container container--trial page">
      <TrialProgress step={ended ? 3 : t.phoneVerified ? 3 : 2} />
      <div className="card card--form">
        <p className="eyebrow">Free trial</p>
        <h1>Your agent for {t.businessName}</h1>
        {ended ? (
          <div className="trial-step">
            <p className="lead">{t.status === 'converted' ? 'This trial became your business. Your agent lives on your dashboard.' : 'This trial has ended.'}</p>
            {t.status === 'expired' ? (
              <Link to={`/go-live?trialId=${encodeURIComponent(t.id)}`} className="btn btn--accent btn--lg btn--block">
                Go live with this agent
              </Link>
            ) : (
              <Link to="/app" className="btn btn--primary btn--lg btn--block">
                Open your dashboard
              </Link>
            )}
          </div>
        ) : t.phoneVerified ? (
          <CallMeStep trial={t} callNow={callNow} onPlaced={(call) => navigate(`/try/${t.id}/calls/${call.id}`)} />
        ) : (
          <VerifyPhoneStep trial={t} onVerified={() => setCallNow(true)} />
        )}
        {t.latestCallId ? (
          <p className="small form-footnote">
            <Link to={`/try/${t.id}/calls/${t.latestCallId}`}>See your latest call</Link>
          </p>
        ) : null}
      </div>
    </section>
  );
}
