import type { BusinessOverview } from '@beaker/contracts';
import { formatDate } from '../../dashboard/components/dashboard-format';
import { useResumeSubscription } from '../hooks/use-resume-subscription';

/** A subscription cancelled at its period's end: service continues until then; owners may resume it. */
export function SubscriptionEnding({ business }: { business: BusinessOverview }) {
  const resume = useResumeSubscription(business.id);
  if (!business.cancelAtPeriodEnd) return null;
  const ends = business.currentPeriodEnd ? formatDate(business.currentPeriodEnd) : 'the end of this period';
  return (
    <div className="alert alert--warning" role="status" data-testid="subscription-ending">
      <p className="alert__title">Your subscription ends on {ends}.</p>
      <p>Your assistant answers every call until then. After that, callers hear a message and your number is released once the carrier allows.</p>
      {business.yourRole === 'owner' ? (
        <div className="button-row">
          <button type="button" className="btn btn--primary" disabled={resume.isPending} onClick={() => resume.mutate()}>
            {resume.isPending ? 'Resuming…' : 'Resume subscription'}
          </button>
        </div>
      ) : (
        <p>An owner can resume it from Billing.</p>
      )}
      {resume.isError ? (
        <p role="alert" className="text-error">
          We couldn't resume it just now. Try again in a moment.
        </p>
      ) : null}
    </div>
  );
}
