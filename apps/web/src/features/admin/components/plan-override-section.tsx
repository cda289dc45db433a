import type { BusinessOverview, PlanOverride } from '@beaker/contracts';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { isApiError } from '../../../lib/api-error';
import { usePlanOverride } from '../hooks/use-plan-override';
import { Facts, When } from './admin-format';
import { ConfirmDialog, useReturnFocus } from '../../../components/confirm-dialog';

const MAX_CALLS = 100_000;

interface OverrideValues {
  callsIncluded: string;
  /** A UTC day (yyyy-mm-dd), through its end; empty: the end of the billing period. */
  untilDay: string;
}

/** The instant a chosen day ends (UTC): the override is in force through that day. */
function endOfDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
}

type Pending = { action: 'set'; callsIncluded: number; until?: string } | { action: 'remove' };

/**
 * A business's plan override: staff's grant of included calls per period until a date. Shows the
 * one in force; sets, changes or removes it, each behind a confirmation with a reason (audited).
 */
export function PlanOverrideSection({ business, override }: { business: BusinessOverview; override: PlanOverride | null }) {
  const id = useId();
  const mutation = usePlanOverride(business.id);
  const [editing, setEditing] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const opener = useReturnFocus(pending !== null || editing);
  const { register, handleSubmit, formState, reset } = useForm<OverrideValues>({ defaultValues: { callsIncluded: String(override?.callsIncluded ?? business.callsIncluded), untilDay: '' } });
  const errors = formState.errors;
  const close = () => {
    mutation.reset();
    setPending(null);
    setEditing(false);
  };

  return (
    <section className="card" aria-labelledby={`${id}-heading`} data-testid="plan-override">
      <h2 id={`${id}-heading`}>Plan override</h2>
      {override ? (
        <Facts
          items={[
            ['Calls included', `${override.callsIncluded} per period (instead of the plan's)`],
            ['Until', <When at={override.until} />],
            ['Reason', override.reason],
            ['Set', <When at={override.setAt} />],
          ]}
        />
      ) : (
        <p className="muted">None: the plan's included calls apply.</p>
      )}
      {mutation.isSuccess && pending === null && !editing ? (
        <p role="status" className="alert alert--success">
          {mutation.data.override ? `Override set: ${mutation.data.callsIncluded} calls per period.` : `Override removed: ${mutation.data.callsIncluded} calls per period, as the plan.`}
        </p>
      ) : null}

      {editing && pending === null ? (
        <form
          className="admin-filters"
          aria-label="Plan override"
          noValidate
          onSubmit={handleSubmit((values) => setPending({ action: 'set', callsIncluded: Number(values.callsIncluded), ...(values.untilDay ? { until: endOfDay(values.untilDay) } : {}) }))}
        >
          <div className="field">
            <label htmlFor={`${id}-calls`} className="field__label">
              Calls included per period
            </label>
            <input
              id={`${id}-calls`}
              className="field__input"
              type="number"
              inputMode="numeric"
              min={0}
              max={MAX_CALLS}
              aria-invalid={errors.callsIncluded ? true : undefined}
              aria-describedby={errors.callsIncluded ? `${id}-calls-error` : undefined}
              {...register('callsIncluded', {
                validate: (v) => (/^\d+$/.test(v.trim()) && Number(v) <= MAX_CALLS ? true : `A whole number from 0 to ${MAX_CALLS.toLocaleString('en-US')}.`),
              })}
            />
            {errors.callsIncluded ? (
              <p id={`${id}-calls-error`} className="field__error">
                {errors.callsIncluded.message}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={`${id}-until`} className="field__label">
              Through (UTC day)
            </label>
            <input id={`${id}-until`} className="field__input" type="date" aria-describedby={`${id}-until-hint`} {...register('untilDay')} />
            <p id={`${id}-until-hint`} className="field__hint">
              Empty: until the end of the billing period.
            </p>
          </div>
          <div className="button-row">
            <button type="submit" className="btn btn--primary">
              Continue
            </button>
            <button type="button" className="btn btn--secondary" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}

      {pending ? (
        <ConfirmDialog
          title={pending.action === 'set' ? `Set ${business.name}'s included calls to ${pending.callsIncluded}?` : `Remove ${business.name}'s plan override?`}
          description={
            pending.action === 'set'
              ? `Calls are counted against ${pending.callsIncluded} per period instead of the plan's, ${pending.until ? `until ${new Date(pending.until).toUTCString()}` : 'until the end of the billing period'}. Stripe's plan changes keep it.`
              : "Calls are counted against the plan's included calls again, from now."
          }
          confirmLabel={pending.action === 'set' ? 'Set override' : 'Remove override'}
          busyLabel={pending.action === 'set' ? 'Setting…' : 'Removing…'}
          withReason
          danger={pending.action === 'remove'}
          busy={mutation.isPending}
          error={mutation.error}
          onCancel={close}
          onConfirm={(reason) =>
            mutation.mutate(pending.action === 'set' ? { action: 'set', callsIncluded: pending.callsIncluded, until: pending.until, reason } : { action: 'remove', reason }, {
              onSuccess: () => {
                setPending(null);
                setEditing(false);
              },
            })
          }
        />
      ) : null}

      {!editing && pending === null ? (
        <div className="button-row">
          <button
            ref={opener}
            type="button"
            className="btn btn--primary"
            onClick={() => {
              mutation.reset();
              reset({ callsIncluded: String(override?.callsIncluded ?? business.callsIncluded), untilDay: '' });
              setEditing(true);
            }}
          >
            {override ? 'Change override' : 'Set override'}
          </button>
          {override ? (
            <button
              type="button"
              className="btn btn--secondary"
              onClick={() => {
                mutation.reset();
                setPending({ action: 'remove' });
              }}
            >
              Remove override
            </button>
          ) : null}
        </div>
      ) : null}
      {isApiError(mutation.error) && pending === null ? <p role="alert" className="text-error">{mutation.error.detail ?? mutation.error.title}</p> : null}
    </section>
  );
}
