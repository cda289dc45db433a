import { PLAN_CATALOG, PLANS, type Plan } from '@beaker/contracts';

/** The two plans as radio cards; prices and allowances from the shared catalog. */
export function PlanPicker({ value, onChange }: { value: Plan; onChange: (plan: Plan) => void }) {
  return (
    <fieldset className="plan-choice">
      <legend>Choose your plan</legend>
      {PLANS.map((plan) => {
        const p = PLAN_CATALOG[plan];
        return (
          <label key={plan} className="plan-option">
            <input type="radio" name="plan" value={plan} checked={value === plan} onChange={() => onChange(plan)} />
            <span className="plan-option__name">{p.name}</span>
            <span className="price">
              <span className="price__amount">${Math.round(p.monthlyPriceCents / 100)}</span> <span className="price__period">/ month</span>
            </span>
            <span className="muted">{p.callsIncluded} calls a month, a local phone number, your assistant answering day and night.</span>
          </label>
        );
      })}
    </fieldset>
  );
}
