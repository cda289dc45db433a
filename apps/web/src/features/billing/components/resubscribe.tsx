import { PLAN_CATALOG, PLANS, type BusinessOverview, type Plan } from '@beaker/contracts';
import { formatPhone } from '../../calls/components/call-format';
import { useCreateCheckoutSession } from '../hooks/use-create-checkout-session';
import { money } from './plan-change';

/** How long a canceled business's number is kept for it at least (nothing releases it sooner). */
export const NUMBER_HOLD_DAYS = 30;

/**
 * A canceled business, owners only: subscribe again (a checkout for this business). Once paid it is
 * active again with its assistant and, while we still hold it, its number.
 */
export function Resubscribe({ business }: { business: BusinessOverview }) {
  const checkout = useCreateCheckoutSession();
  if (business.status !== 'canceled') return null;
  const number = business.phoneNumber && business.phoneNumber.status !== 'released' ? business.phoneNumber.e164 : null;
  return (
    <section className="plan-change" aria-labelledby="resubscribe-heading" data-testid="resubscribe">
      <h3 id="resubscribe-heading">Subscribe again</h3>
      <p>
        {number
          ? `Your subscription has ended. We keep ${formatPhone(number)} for you for at least ${NUMBER_HOLD_DAYS} days: subscribe again and your assistant answers it again, as before.`
          : 'Your subscription has ended. Subscribe again and your assistant comes back with a new number.'}
      </p>
      <div className="button-row">
        {PLANS.map((plan: Plan) => (
          <button
            key={plan}
            type="button"
            className={plan === business.plan ? 'btn btn--primary' : 'btn btn--secondary'}
            disabled={checkout.isPending || checkout.isSuccess}
            onClick={() => checkout.mutate({ plan, businessId: business.id }, { onSuccess: ({ url }) => window.location.assign(url) })}
          >
            {`${PLAN_CATALOG[plan].name} · ${money(PLAN_CATALOG[plan].monthlyPriceCents)} a month`}
          </button>
        ))}
      </div>
      {checkout.isError ? (
        <p role="alert" className="text-error">
          We couldn't open the checkout just now. Try again in a moment.
        </p>
      ) : null}
    </section>
  );
}
