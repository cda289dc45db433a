import { LEAD_FIELD_TYPES, MAX_CUSTOM_FIELDS, type LeadFieldType, type LeadFormInput } from '@beaker/contracts';
import { useId, useRef, useState, type ReactNode } from 'react';
import { get, useFieldArray, useForm, useWatch, type FieldErrors, type Path, type Resolver } from 'react-hook-form';
import { isApiError } from '../../../lib/api-error';
import {
  keyFromLabel,
  LIMITS,
  NEW_CUSTOM_FIELD,
  problemsFromApi,
  toLeadFormInput,
  validateFormBuilder,
  type BuilderProblem,
  type FormBuilderValues,
} from './form-builder-values';
import { LeadFormPreview } from './lead-form-preview';

const TYPE_LABELS: Record<LeadFieldType, string> = {
  text: 'Short text',
  textarea: 'Long text',
  email: 'Email',
  select: 'Drop-down',
  checkbox: 'Checkbox',
};

/** Problems as react-hook-form's nested errors (`custom.1.key` → errors.custom[1].key). */
export function toFieldErrors(problems: BuilderProblem[]): FieldErrors<FormBuilderValues> {
  const errors: Record<string, unknown> = {};
  for (const { path, message } of problems) {
    const parts = path.split('.');
    let node: Record<string, unknown> = errors;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) {
        // The first problem of a field is the one shown.
        node[part] ??= { type: 'validate', message };
        return;
      }
      node[part] ??= /^\d+$/.test(parts[i + 1]) ? [] : {};
      node = node[part] as Record<string, unknown>;
    });
  }
  return errors as FieldErrors<FormBuilderValues>;
}

const resolver: Resolver<FormBuilderValues> = async (values) => {
  const problems = validateFormBuilder(values);
  return problems.length === 0 ? { values, errors: {} } : { values: {}, errors: toFieldErrors(problems) };
};

/**
 * The form builder: name, fields, consent text, websites, auto-call, thank-you message; a live
 * preview beside it. `onSave` gets the request body; an ApiError it throws is shown beside the
 * inputs it names (`errors[].field`).
 */
export function LeadFormBuilder({
  businessName,
  initial,
  submitLabel,
  onSave,
  children,
}: {
  businessName: string;
  initial: FormBuilderValues;
  submitLabel: string;
  /** May answer the values as saved (the API normalizes websites), to start again from. */
  onSave: (input: LeadFormInput) => Promise<FormBuilderValues | void>;
  /** Shown after the builder's form (the saved form's snippet, test lead, delete). */
  children?: ReactNode;
}) {
  const form = useForm<FormBuilderValues>({ defaultValues: initial, resolver, mode: 'onSubmit', reValidateMode: 'onChange' });
  const { register, control, handleSubmit, setError, setValue, getValues, formState, reset } = form;
  const custom = useFieldArray({ control, name: 'custom' });
  const origins = useFieldArray({ control, name: 'allowedOrigins' });
  const values = useWatch({ control }) as FormBuilderValues;
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const [justSaved, setSaved] = useState(false);
  const autoKeys = useRef(new Map<string, string>());
  const id = useId();
  const errors = formState.errors;
  const errorOf = (path: string): string | undefined => (get(errors, path) as { message?: string } | undefined)?.message;

  const save = handleSubmit(
    async (current) => {
      setFormProblem(null);
      setSaved(false);
      const { input, originInputs } = toLeadFormInput(current);
      try {
        const saved = await onSave(input);
        // What was saved is the new starting point: "unsaved changes" is measured from it.
        reset(saved ?? current);
        setSaved(true);
      } catch (error) {
        const problems = isApiError(error) ? problemsFromApi(error, originInputs) : [];
        const placed = problems.filter((p) => p.path !== 'form');
        placed.forEach((p, i) => setError(p.path as Path<FormBuilderValues>, { type: 'server', message: p.message }, { shouldFocus: i === 0 }));
        const unplaced = problems.filter((p) => p.path === 'form').map((p) => p.message);
        if (placed.length === 0) {
          setFormProblem(
            unplaced.length > 0
              ? unplaced.join(' ')
              : isApiError(error)
                ? (error.detail ?? error.title)
                : 'The form could not be saved. Check your connection and try again.',
          );
        } else if (unplaced.length > 0) setFormProblem(unplaced.join(' '));
      }
    },
    () => setSaved(false),
  );

  const problemCount = countProblems(errors);

  return (
    <div className="form-builder">
      <form className="form-builder__form card" onSubmit={(e) => void save(e)} noValidate aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>Form settings</h2>
        {/* Narrow screens show the preview after the settings: a way there (hidden where it sits beside them). */}
        <a className="form-builder__jump small" href="#form-preview">
          Jump to the live preview
        </a>
        <TextField label="Form name" hint="Only you see it: it names the form in Beaker." error={errorOf('name')} {...register('name')} />

        <fieldset className="form-builder__group">
          <legend>Fields</legend>
          <p className="field__hint">Name and phone are always asked and required: the agent needs them to call.</p>
          {(['email', 'message'] as const).map((which) => (
            <div key={which} className="form-builder__switches">
              <label className="check">
                <input
                  type="checkbox"
                  {...register(`${which}.enabled`, {
                    onChange: (e: { target: { checked: boolean } }) => {
                      if (!e.target.checked) setValue(`${which}.required`, false);
                    },
                  })}
                />
                Ask for {which === 'email' ? 'an email address' : 'a message'}
              </label>
              {values[which]?.enabled ? (
                <label className="check">
                  <input type="checkbox" {...register(`${which}.required`)} />
                  Required
                </label>
              ) : null}
              <FieldError id={`${id}-${which}-error`} message={errorOf(`${which}.required`)} />
            </div>
          ))}
        </fieldset>

        <fieldset className="form-builder__group">
          <legend>Your own fields</legend>
          <p className="field__hint">
            Up to {MAX_CUSTOM_FIELDS}, asked after the message. The key names the answer in Beaker and in the API.
          </p>
          {custom.fields.map((row, i) => (
            <fieldset key={row.id} className="custom-field" aria-label={`Custom field ${i + 1}`}>
              <legend className="custom-field__legend">Field {i + 1}</legend>
              <div className="custom-field__grid">
                <TextField
                  label="Label"
                  error={errorOf(`custom.${i}.label`)}
                  {...register(`custom.${i}.label`, {
                    onChange: (e: { target: { value: string } }) => {
                      // The key follows the label until the owner types a key of their own.
                      const key = getValues(`custom.${i}.key`);
                      const auto = autoKeys.current.get(row.id) ?? '';
                      if (key === '' || key === auto) {
                        const next = keyFromLabel(e.target.value);
                        autoKeys.current.set(row.id, next);
                        setValue(`custom.${i}.key`, next, { shouldValidate: formState.isSubmitted });
                      }
                    },
                  })}
                />
                <TextField label="Key" error={errorOf(`custom.${i}.key`)} autoCapitalize="off" spellCheck={false} {...register(`custom.${i}.key`)} />
                <div className="field">
                  <label className="field__label" htmlFor={`${id}-type-${i}`}>
                    Type
                  </label>
                  <select id={`${id}-type-${i}`} className="field__input" {...register(`custom.${i}.type`)}>
                    {LEAD_FIELD_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {TYPE_LABELS[type]}
                      </option>
                    ))}
                  </select>
                </div>
                {values.custom?.[i]?.type === 'select' ? (
                  <TextField label="Choices" hint="Separated by commas, e.g. Repair, Installation" error={errorOf(`custom.${i}.options`)} {...register(`custom.${i}.options`)} />
                ) : null}
              </div>
              <div className="custom-field__actions">
                <label className="check">
                  <input type="checkbox" {...register(`custom.${i}.required`)} />
                  Required
                </label>
                <button type="button" className="btn btn--ghost btn--sm" onClick={() => custom.remove(i)}>
                  Remove field {i + 1}
                </button>
              </div>
            </fieldset>
          ))}
          <FieldError id={`${id}-custom-error`} message={errorOf('custom')} />
          <button type="button" className="btn btn--secondary btn--sm" disabled={custom.fields.length >= MAX_CUSTOM_FIELDS} onClick={() => custom.append({ ...NEW_CUSTOM_FIELD })}>
            {custom.fields.length >= MAX_CUSTOM_FIELDS ? `${MAX_CUSTOM_FIELDS} fields: the most a form has` : 'Add a field'}
          </button>
        </fieldset>

        <div className="field">
          <label className="field__label" htmlFor={`${id}-consent`}>
            Consent text
          </label>
          <p className="field__hint" id={`${id}-consent-hint`}>
            Shown beside the checkbox every visitor must tick. Name your business, say that an AI voice will call, and how to opt out. Each lead keeps the exact text it saw.
          </p>
          <textarea
            id={`${id}-consent`}
            className="field__input"
            rows={7}
            maxLength={LIMITS.consentText}
            aria-invalid={errorOf('consentText') ? true : undefined}
            aria-describedby={`${id}-consent-hint${errorOf('consentText') ? ` ${id}-consent-error` : ''}`}
            {...register('consentText')}
          />
          <FieldError id={`${id}-consent-error`} message={errorOf('consentText')} />
        </div>

        <fieldset className="form-builder__group">
          <legend>Websites that show this form</legend>
          <p className="field__hint" id={`${id}-origins-hint`}>
            The address of each site, like https://www.example.com — scheme and host only. Submissions from any other site are refused.
          </p>
          {origins.fields.map((row, i) => (
            <div key={row.id} className="origin-row">
              <TextField
                label={`Website ${i + 1}`}
                type="url"
                inputMode="url"
                placeholder="https://www.example.com"
                autoCapitalize="off"
                spellCheck={false}
                error={errorOf(`allowedOrigins.${i}.value`)}
                {...register(`allowedOrigins.${i}.value`)}
              />
              <button type="button" className="btn btn--ghost btn--sm origin-row__remove" onClick={() => origins.remove(i)} aria-label={`Remove website ${i + 1}`}>
                Remove
              </button>
            </div>
          ))}
          <FieldError id={`${id}-origins-error`} message={errorOf('allowedOrigins')} />
          <button type="button" className="btn btn--secondary btn--sm" onClick={() => origins.append({ value: '' })} disabled={origins.fields.length >= LIMITS.origins}>
            Add a website
          </button>
        </fieldset>

        <div className="field">
          <label className="check check--strong">
            <input type="checkbox" aria-describedby={`${id}-autocall-hint`} {...register('autoCall')} />
            Call each new lead at once
          </label>
          <p className="field__hint" id={`${id}-autocall-hint`}>
            The agent calls within seconds when the law allows, and at the next allowed minute when it does not. Off: leads are kept for you to call.
          </p>
        </div>

        <div className="field">
          <label className="field__label" htmlFor={`${id}-thanks`}>
            Thank-you message
          </label>
          <textarea
            id={`${id}-thanks`}
            className="field__input"
            rows={2}
            maxLength={LIMITS.thankYouMessage}
            aria-invalid={errorOf('thankYouMessage') ? true : undefined}
            aria-describedby={errorOf('thankYouMessage') ? `${id}-thanks-error` : undefined}
            {...register('thankYouMessage')}
          />
          <FieldError id={`${id}-thanks-error`} message={errorOf('thankYouMessage')} />
        </div>

        {formProblem ? (
          <div className="alert alert--error" role="alert">
            {formProblem}
          </div>
        ) : null}
        <div className="button-row form-builder__save">
          <button type="submit" className="btn btn--primary" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? 'Saving…' : submitLabel}
          </button>
          <p role="status" className="small form-builder__status">
            {formState.isSubmitting
              ? ''
              : problemCount > 0
                ? `Not saved: ${problemCount === 1 ? 'one field needs' : `${problemCount} fields need`} your attention.`
                : justSaved && !formState.isDirty
                  ? 'Saved.'
                  : formState.isDirty && justSaved
                    ? 'Unsaved changes.'
                    : ''}
          </p>
        </div>
      </form>

      <aside className="form-builder__aside" aria-label="Preview and embed">
        <div className="card">
          <LeadFormPreview values={values} businessName={businessName} />
        </div>
        {children}
      </aside>
    </div>
  );
}

function countProblems(errors: FieldErrors<FormBuilderValues>): number {
  let count = 0;
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if ('message' in node && typeof (node as { message?: unknown }).message === 'string') {
      count += 1;
      return;
    }
    Object.values(node).forEach(walk);
  };
  walk(errors);
  return count;
}

type TextFieldProps = {
  label: string;
  hint?: string;
  error?: string;
} & React.InputHTMLAttributes<HTMLInputElement> & { ref?: React.Ref<HTMLInputElement> };

/** A labelled input with its hint and error tied to it. */
function TextField({ label, hint, error, ref, ...input }: TextFieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input id={id} ref={ref} className="field__input" aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="field__error">
      {message}
    </p>
  ) : null;
}
