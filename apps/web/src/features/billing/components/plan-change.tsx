import { PLAN_CATALOG, PLANS, type BusinessOverview, type Plan, type PlanChangePreview } from '@beaker/contracts';
import { isApiError } from '../../../lib/api-error';
import { formatDate } from '../../dashboard/components/dashboard-format';
import { useChangePlan } from '../hooks/use-change-plan';
import { usePlanChangePreview } from '../hooks/use-plan-change-preview';

/** $200.00 from 20000 cents. */
export function money(cents: number, currency = 'usd'): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100);
}

/**
 * Switching plans, owners only: the price, the proration charged now and the next invoice are shown
 * (Stripe's preview) before anything changes; confirming applies the change at the previewed moment.
 */
export function PlanChange({ business }: { business: BusinessOverview }) {
  const preview = usePlanChangePreview(business.id);
  const change = useChangePlan(business.id);
  const others = PLANS.filter((p) => p !== business.plan);
  if (business.status === 'canceled') return null;

  if (change.isSuccess) {
    return (
      <div className="alert alert--success" role="status" data-testid="plan-changed">
        <p className="alert__title">You're now on {PLAN_CATALOG[change.data.plan].name}.</p>
        <p>{change.data.amountDueNow > 0 ? `We charged ${money(change.data.amountDueNow)} to your card for the rest of this period.` : 'Nothing is charged today.'}</p>
      </div>
    );
  }

  const figures = preview.data;
  return (
    <section className="plan-change" aria-labelledby="plan-change-heading">
      <h3 id="plan-change-heading">Change plan</h3>
      {!figures ? (
        <div className="button-row">
          {others.map((plan: Plan) => (
            <button key={plan} type="button" className="btn btn--secondary" disabled={preview.isPending} onClick={() => preview.mutate(plan)}>
              {preview.isPending ? 'Working out the price…' : `Switch to ${PLAN_CATALOG[plan].name}`}
            </button>
          ))}
        </div>
      ) : (
        <PlanChangeConfirmation
          figures={figures}
          pending={change.isPending}
          onConfirm={() => change.mutate({ plan: figures.plan, prorationDate: figures.prorationDate })}
          onCancel={() => {
            preview.reset();
            change.reset();
          }}
        />
      )}
      {preview.isError ? (
        <p role="alert" className="text-error">
          We couldn't work out the price just now. Try again in a moment.
        </p>
      ) : null}
      {change.isError ? (
        <p role="alert" className="text-error">
          {isApiError(change.error, 'BILLING.PREVIEW_EXPIRED')
            ? 'These figures are out of date. Cancel and look at the price again.'
            : "We couldn't change your plan just now. Nothing was charged; try again in a moment."}
        </p>
      ) : null}
    </section>
  );
}

function PlanChangeConfirmation({ figures, pending, onConfirm, onCancel }: { figures: PlanChangePreview; pending: boolean; onConfirm: () => void; onCancel: () => void }) {
  const to = PLAN_CATALOG[figures.plan];
  const from = PLAN_CATALOG[figures.currentPlan];
  const next = figures.nextInvoiceDate ? formatDate(figures.nextInvoiceDate) : 'your next renewal';
  return (
    <div className="plan-change__confirm" data-testid="plan-change-confirm">
      <p>
        Switch from {from.name} to <strong>{to.name}</strong> ({to.callsIncluded} calls a month)?
      </p>
      <dl className="facts">
        <div className="facts__row">
          <dt>New price</dt>
          <dd>{money(figures.newPrice, figures.currency)} a month</dd>
        </div>
        <div className="facts__row">
          <dt>{figures.prorationAmount < 0 ? 'Credit for this period' : 'Due today'}</dt>
          <dd>{figures.prorationAmount < 0 ? money(-figures.prorationAmount, figures.currency) : money(figures.amountDueNow, figures.currency)}</dd>
        </div>
        <div className="facts__row">
          <dt>Next invoice</dt>
          <dd>
            {money(figures.nextInvoiceAmount, figures.currency)} on {next}
          </dd>
        </div>
      </dl>
      <p className="muted">
        {figures.prorationAmount < 0
          ? `The unused part of ${from.name} is credited and lowers your next invoice.`
          : `Today's charge covers the rest of this period on ${to.name}, less what is left of ${from.name}.`}
      </p>
      <div className="button-row">
        <button type="button" className="btn btn--primary" disabled={pending} onClick={onConfirm}>
          {pending ? 'Switching…' : figures.amountDueNow > 0 ? `Switch and pay ${money(figures.amountDueNow, figures.currency)}` : `Switch to ${to.name}`}
        </button>
        <button type="button" className="btn btn--secondary" disabled={pending} onClick={onCancel}>
          Keep {from.name}
        </button>
      </div>
    </div>
  );
}
