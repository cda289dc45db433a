import { WEBHOOK_EVENT_TYPES, type WebhookEndpointInput, type WebhookEventType } from '@beaker/contracts';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { isApiError } from '../../../lib/api-error';
import { EVENT_TYPE_LABELS, webhookProblem } from './webhook-format';

export interface EndpointFormValues {
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
}

const FIELDS = ['url', 'description', 'eventTypes'] as const;

/** Only the shape is checked here; which URLs may receive webhooks is the API's call (its answer shows under the URL). */
function urlProblem(value: string): string | true {
  const url = value.trim();
  if (!url) return 'Enter the URL Beaker should send events to.';
  try {
    const { protocol } = new URL(url);
    if (protocol === 'https:' || protocol === 'http:') return true;
  } catch {
    // Not a URL at all: the message below.
  }
  return 'Enter a full URL, starting with https:// (for example https://hooks.example.com/beaker).';
}

/**
 * URL, description and event types of a webhook endpoint (new or saved). `onSave` gets the request
 * body; the API's refusals are shown beside the input they concern, the rest above the button.
 */
export function EndpointForm({
  initial,
  submitLabel,
  pendingLabel,
  urlHint,
  onSave,
  onCancel,
}: {
  initial: EndpointFormValues;
  submitLabel: string;
  pendingLabel: string;
  urlHint: string;
  onSave: (input: WebhookEndpointInput) => Promise<void>;
  onCancel?: () => void;
}) {
  const { register, handleSubmit, setError, setValue, formState, reset } = useForm<EndpointFormValues>({ defaultValues: initial });
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const id = useId();
  const { errors, isSubmitting } = formState;

  const save = handleSubmit(async (values) => {
    setProblem(null);
    setSaved(false);
    // In the catalog's order, whatever order they were ticked in.
    const eventTypes = WEBHOOK_EVENT_TYPES.filter((type) => values.eventTypes.includes(type));
    const input: WebhookEndpointInput = { url: values.url.trim(), description: values.description.trim(), eventTypes };
    try {
      await onSave(input);
      reset(values);
      setSaved(true);
    } catch (error) {
      if (isApiError(error, 'OUTBOUND_WEBHOOKS.URL_NOT_ALLOWED')) {
        setError('url', { type: 'server', message: webhookProblem(error, '') }, { shouldFocus: true });
        return;
      }
      const placed = isApiError(error, 'VALIDATION.FAILED') ? FIELDS.filter((field) => error.fieldMessages(field).length > 0) : [];
      placed.forEach((field, i) => {
        if (isApiError(error)) setError(field, { type: 'server', message: error.fieldMessages(field).join(' ') }, { shouldFocus: i === 0 });
      });
      if (placed.length === 0) setProblem(webhookProblem(error, 'The endpoint could not be saved. Check your connection and try again.'));
    }
  });

  const describedBy = (field: 'url' | 'description' | 'eventTypes', hint?: boolean) =>
    [hint ? `${id}-${field}-hint` : null, errors[field] ? `${id}-${field}-error` : null].filter(Boolean).join(' ') || undefined;

  return (
    <form className="form webhook-form" onSubmit={(e) => void save(e)} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Endpoint settings</h2>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-url`}>
          Endpoint URL
        </label>
        <p className="field__hint" id={`${id}-url-hint`}>
          {urlHint}
        </p>
        <input
          id={`${id}-url`}
          className="field__input mono"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://hooks.example.com/beaker"
          aria-invalid={errors.url ? true : undefined}
          aria-describedby={describedBy('url', true)}
          {...register('url', { validate: urlProblem })}
        />
        {errors.url ? (
          <p id={`${id}-url-error`} className="field__error">
            {errors.url.message}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-description`}>
          Description <span className="muted small">(optional)</span>
        </label>
        <input
          id={`${id}-description`}
          className="field__input"
          autoComplete="off"
          placeholder="CRM sync"
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={describedBy('description')}
          {...register('description', { maxLength: { value: 200, message: 'Keep the description under 200 characters.' } })}
        />
        {errors.description ? (
          <p id={`${id}-description-error`} className="field__error">
            {errors.description.message}
          </p>
        ) : null}
      </div>
      <fieldset className="form-builder__group" aria-describedby={describedBy('eventTypes', true)}>
        <legend>Events to send</legend>
        <p className="field__hint" id={`${id}-eventTypes-hint`}>
          Each event is POSTed as JSON, signed. “Send a test event” works whatever you pick.
        </p>
        <div className="webhook-form__events">
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type} className="check webhook-form__event">
              <input type="checkbox" value={type} {...register('eventTypes', { validate: (v) => (v && v.length > 0) || 'Pick at least one event.' })} />
              <span>
                {EVENT_TYPE_LABELS[type]} <code className="code-inline">{type}</code>
              </span>
            </label>
          ))}
        </div>
        <div className="button-row">
          <button type="button" className="btn btn--ghost btn--sm" onClick={() => setValue('eventTypes', [...WEBHOOK_EVENT_TYPES], { shouldDirty: true, shouldValidate: formState.isSubmitted })}>
            Select all
          </button>
          <button type="button" className="btn btn--ghost btn--sm" onClick={() => setValue('eventTypes', [], { shouldDirty: true })}>
            Clear
          </button>
        </div>
        {errors.eventTypes ? (
          <p id={`${id}-eventTypes-error`} className="field__error">
            {errors.eventTypes.message ?? errors.eventTypes.root?.message}
          </p>
        ) : null}
      </fieldset>
      {problem ? (
        <div className="alert alert--error" role="alert">
          {problem}
        </div>
      ) : null}
      <div className="button-row form-builder__save">
        <button type="submit" className="btn btn--primary" disabled={isSubmitting}>
          {isSubmitting ? pendingLabel : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="btn btn--secondary" onClick={onCancel} disabled={isSubmitting}>
            Cancel
          </button>
        ) : null}
        <p role="status" className="small form-builder__status">
          {saved && !formState.isDirty ? 'Saved.' : ''}
        </p>
      </div>
    </form>
  );
}
