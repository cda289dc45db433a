import { INDUSTRIES, type Industry } from '@beaker/contracts';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { LoadingState } from '../../../app/loading-state';
import { usePageTitle } from '../../../lib/use-page-title';
import { useMe } from '../../auth/hooks/use-me';
import { TrialBuilderForm } from '../components/trial-builder-form';
import { TrialProgress } from '../components/trial-progress';
import { useTrials } from '../hooks/use-trials';
import '../components/trials.css';

/**
 * /try (?industry=hvac from the landing page's cards): step 1 of the trial, describe the business.
 * Open to everyone: a signed-out visitor gives an email too, and starting the trial opens a trial
 * session (the sign-in link is emailed for later); a signed-in person starts it with their account.
 */
export function TrialBuilderPage() {
  usePageTitle('Build your agent');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe();
  const signedIn = Boolean(me.data);
  const trials = useTrials({ enabled: signedIn });
  const current = signedIn ? trials.data?.items.find((t) => t.status === 'pending' || t.status === 'active') : undefined;
  const asked = params.get('industry');
  const initialIndustry = INDUSTRIES.includes(asked as Industry) ? (asked as Industry) : null;

  return (
    <section className="container container--trial page">
      <TrialProgress step={1} />
      <div className="card card--form">
        <h1>Build your agent</h1>
        <p className="lead">Tell us about your business. Type the code we text you, and your agent calls your phone right away.</p>
        {current ? (
          <div className="alert" role="note">
            <p>
              You have a trial going for <strong>{current.businessName}</strong>.
            </p>
            <Link to={`/try/${current.id}`} className="btn btn--secondary btn--sm">
              Continue that trial
            </Link>
          </div>
        ) : null}
        {me.isPending ? (
          <LoadingState label="Loading…" />
        ) : (
          <TrialBuilderForm
            askEmail={!signedIn || Boolean(me.data?.trialSessionFor)}
            initialIndustry={initialIndustry}
            onCreated={(trial) => navigate(`/try/${trial.id}`)}
          />
        )}
      </div>
    </section>
  );
}
