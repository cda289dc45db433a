import { Link, useNavigate } from 'react-router-dom';
import { usePageTitle } from '../../../lib/use-page-title';
import { TrialBuilderForm } from '../components/trial-builder-form';
import { TrialProgress } from '../components/trial-progress';
import { useTrials } from '../hooks/use-trials';
import '../components/trials.css';

/** /try: step 1 of the trial, describe the business. Signed-in only (the sign-in flow returns here). */
export function TrialBuilderPage() {
  usePageTitle('Build your agent');
  const navigate = useNavigate();
  const trials = useTrials();
  const current = trials.data?.items.find((t) => t.status === 'pending' || t.status === 'active');

  return (
    <section className="container container--trial page">
      <TrialProgress step={1} />
      <div className="card card--form">
        <h1>Build your agent</h1>
        <p className="lead">Tell us about your business. In a minute your agent calls your phone and answers as your business would.</p>
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
        <TrialBuilderForm onCreated={(trial) => navigate(`/try/${trial.id}`)} />
      </div>
    </section>
  );
}
