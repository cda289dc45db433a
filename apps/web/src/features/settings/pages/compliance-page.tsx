import { WEEKDAYS, type ComplianceSettings } from '@beaker/contracts';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { ErrorState } from '../../../app/error-state';
import { isApiError } from '../../../lib/api-error';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCurrentBusiness } from '../../dashboard/hooks/use-current-business';
import {
  capProblem,
  dayProblem,
  daysWithSeveralWindows,
  formValuesOf,
  RECORDING_RETENTION_CHOICES,
  updateOf,
  US_TIMEZONES,
  WEEKDAY_LABELS,
  type ComplianceFormValues,
} from '../components/compliance-form-values';
import { useComplianceSettings } from '../hooks/use-compliance-settings';
import { useUpdateComplianceSettings } from '../hooks/use-update-compliance-settings';

/** The calling rules the compliance check reads before each outbound call, explained; owners change them. */
export function CompliancePage() {
  const business = useCurrentBusiness();
  usePageTitle(`Calling rules · ${business.name}`);
  const settings = useComplianceSettings(business.id);

  return (
    <>
      <header className="page-header">
        <h1>Calling rules</h1>
        <p className="lead">
          Before each call your assistant places (to a new lead, a callback, a follow-up), Beaker checks the law and these settings. They can only make the rules stricter, never looser.
        </p>
      </header>
      {settings.isPending ? (
        <p className="muted">Loading…</p>
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <ComplianceForm businessId={business.id} settings={settings.data} owner={business.yourRole === 'owner'} />
      )}
      <section className="card" aria-labelledby="always-rules">
        <h2 id="always-rules">Always applied</h2>
        <ul>
          <li>Calls only between 8 am and 9 pm where the person is — narrower in states with stricter laws, and not on some state holidays.</li>
          <li>No number is called more than 3 times in 24 hours.</li>
          <li>Numbers on your do-not-call list, or on Beaker’s, are never called.</li>
          <li>Calls to new leads need the person’s written consent (your form’s consent text); a withdrawal stops them.</li>
        </ul>
      </section>
    </>
  );
}

function ComplianceForm({ businessId, settings, owner }: { businessId: string; settings: ComplianceSettings; owner: boolean }) {
  const id = useId();
  const update = useUpdateComplianceSettings(businessId);
  const { register, handleSubmit, watch, formState, reset } = useForm<ComplianceFormValues>({ defaultValues: formValuesOf(settings) });
  const useHours = watch('useHours');
  const timezone = watch('timezone');
  const several = daysWithSeveralWindows(settings);
  const errors = formState.errors;
  // Read while rendering, so that react-hook-form tracks which fields changed (its formState is a subscription proxy).
  const dirtyFields = formState.dirtyFields;
  const zones = timezone && !US_TIMEZONES.some((z) => z.value === timezone) ? [{ value: timezone, label: timezone }, ...US_TIMEZONES] : US_TIMEZONES;

  return (
    <form
      className="card settings-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={handleSubmit((values) => {
        const hoursChanged = Boolean(dirtyFields.useHours || dirtyFields.days);
        update.mutate(updateOf(values, hoursChanged, Boolean(dirtyFields.recordingRetentionDays)), { onSuccess: (saved) => reset(formValuesOf(saved)) });
      })}
    >
      <h2 id={`${id}-title`}>Your settings</h2>
      {owner ? null : <p className="alert alert--warning">Only owners change these; you can see them.</p>}
      <fieldset disabled={!owner || update.isPending} className="settings-hours">
        <div className="field">
          <label htmlFor={`${id}-tz`} className="field__label">
            Time zone
          </label>
          <select id={`${id}-tz`} className="field__input" aria-describedby={`${id}-tz-hint`} {...register('timezone')}>
            <option value="">The called person’s own clock</option>
            {zones.map((z) => (
              <option key={z.value} value={z.value}>
                {z.label}
              </option>
            ))}
          </select>
          <p id={`${id}-tz-hint`} className="field__hint">
            The clock your calling hours below are read on.
          </p>
        </div>

        <div className="field">
          <label htmlFor={`${id}-cap`} className="field__label">
            Calls a minute, at most
          </label>
          <input
            id={`${id}-cap`}
            type="number"
            inputMode="numeric"
            min={1}
            max={30}
            className="field__input"
            aria-invalid={errors.maxCallsPerMinute ? true : undefined}
            aria-describedby={errors.maxCallsPerMinute ? `${id}-cap-error` : `${id}-cap-hint`}
            {...register('maxCallsPerMinute', { validate: (v) => capProblem(v) ?? true })}
          />
          {errors.maxCallsPerMinute ? (
            <p id={`${id}-cap-error`} className="field__error">
              {errors.maxCallsPerMinute.message}
            </p>
          ) : (
            <p id={`${id}-cap-hint`} className="field__hint">
              When many leads arrive at once, calls beyond this wait for the next minute. 30 is the most.
            </p>
          )}
        </div>

        <div className="notify-toggle__row">
          <input id={`${id}-use`} type="checkbox" role="switch" className="switch" aria-describedby={`${id}-use-hint`} {...register('useHours')} />
          <label htmlFor={`${id}-use`} className="notify-toggle__label">
            Call only during my own hours
          </label>
        </div>
        <p id={`${id}-use-hint`} className="field__hint">
          Off: the law’s hours only. On: a call outside your hours waits until they open (it is never dropped).
        </p>

        {useHours ? (
          <fieldset className="settings-hours" aria-describedby={several.length ? `${id}-several` : undefined}>
            <legend className="field__label">Calling hours</legend>
            {several.length ? (
              <p id={`${id}-several`} className="field__hint">
                {several.map((d) => WEEKDAY_LABELS[d]).join(', ')}: set through the API with several windows; shown by the first. Saving other hours here replaces them.
              </p>
            ) : null}
            {WEEKDAYS.map((day) => {
              const open = watch(`days.${day}.open`);
              const problem = errors.days?.[day]?.to?.message;
              return (
                <div key={day}>
                  <div className="settings-hours__day">
                    <label className="check">
                      <input type="checkbox" {...register(`days.${day}.open`)} /> {WEEKDAY_LABELS[day]}
                    </label>
                    <input type="time" className="field__input" aria-label={`${WEEKDAY_LABELS[day]} from`} disabled={!open} {...register(`days.${day}.from`)} />
                    <input
                      type="time"
                      className="field__input"
                      aria-label={`${WEEKDAY_LABELS[day]} until`}
                      disabled={!open}
                      aria-invalid={problem ? true : undefined}
                      aria-describedby={problem ? `${id}-${day}-error` : undefined}
                      {...register(`days.${day}.to`, { validate: (_, all) => (all.useHours ? (dayProblem(all.days[day]) ?? true) : true) })}
                    />
                  </div>
                  {problem ? (
                    <p id={`${id}-${day}-error`} className="field__error">
                      {WEEKDAY_LABELS[day]}: {problem}
                    </p>
                  ) : null}
                </div>
              );
            })}
          </fieldset>
        ) : null}

        <div className="field">
          <label htmlFor={`${id}-keep`} className="field__label">
            Keep call recordings and transcripts
          </label>
          <select id={`${id}-keep`} className="field__input" aria-describedby={`${id}-keep-hint`} {...register('recordingRetentionDays')}>
            {RECORDING_RETENTION_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
          <p id={`${id}-keep-hint`} className="field__hint">
            Calls older than this lose their recording and transcript for good, within the hour; their summary, the lead and the costs stay. Choose a period if your privacy policy or your
            state’s rules ask you not to keep recordings.
          </p>
        </div>
      </fieldset>
      {update.isError ? (
        <p role="alert" className="text-error">
          {isApiError(update.error) ? (update.error.errors?.flatMap((e) => e.messages).join(' ') || update.error.detail || update.error.title) : 'Not saved. Try again.'}
        </p>
      ) : null}
      {update.isSuccess && !formState.isDirty ? <p role="status">Saved: the next call is checked with these settings.</p> : null}
      {owner ? (
        <div className="button-row">
          <button type="submit" className="btn btn--primary" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save'}
          </button>
        </div>
      ) : null}
    </form>
  );
}
