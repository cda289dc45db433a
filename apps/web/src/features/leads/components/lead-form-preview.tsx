import { MAX_CUSTOM_FIELDS, type LeadFieldType } from '@beaker/contracts';
import { useId, useState } from 'react';
import { choicesOf, type FormBuilderValues } from './form-builder-values';

export interface PreviewField {
  id: string;
  label: string;
  kind: 'text' | 'tel' | 'email' | 'textarea' | 'select' | 'checkbox';
  required: boolean;
  options?: string[];
}

const kindOf = (type: LeadFieldType): PreviewField['kind'] => (type === 'textarea' || type === 'email' || type === 'select' || type === 'checkbox' ? type : 'text');

/** The controls the embed script renders for these values, in its order (apps/embed/src/lead-form-fields.ts). */
export function previewFields(values: FormBuilderValues): PreviewField[] {
  const fields: PreviewField[] = [
    { id: 'name', label: 'Name', kind: 'text', required: true },
    { id: 'phone', label: 'Phone', kind: 'tel', required: true },
  ];
  if (values.email.enabled) fields.push({ id: 'email', label: 'Email', kind: 'email', required: values.email.required });
  if (values.message.enabled) fields.push({ id: 'message', label: 'Message', kind: 'textarea', required: values.message.required });
  values.custom.slice(0, MAX_CUSTOM_FIELDS).forEach((field, i) => {
    const kind = kindOf(field.type);
    const options = choicesOf(field.options);
    // Like the embed: a select without choices is shown as a text box.
    fields.push({
      id: `custom-${i}`,
      label: field.label.trim(),
      kind: kind === 'select' && options.length === 0 ? 'text' : kind,
      required: field.required,
      ...(kind === 'select' ? { options } : {}),
    });
  });
  return fields;
}

/**
 * What visitors will see, as the embed script draws it (its look, not its code): redrawn on every
 * keystroke in the builder. A picture of the form, so nothing in it takes focus or input.
 */
export function LeadFormPreview({ values, businessName }: { values: FormBuilderValues; businessName: string }) {
  const [showing, setShowing] = useState<'form' | 'thanks'>('form');
  const headingId = useId();
  const fields = previewFields(values);
  return (
    <section className="form-preview" id="form-preview" aria-labelledby={headingId} tabIndex={-1}>
      <div className="form-preview__bar">
        <h2 id={headingId} className="form-preview__title">
          Live preview
        </h2>
        <div className="form-preview__switch" role="group" aria-label="Preview">
          <button type="button" className="btn btn--ghost btn--sm" aria-pressed={showing === 'form'} onClick={() => setShowing('form')}>
            Form
          </button>
          <button type="button" className="btn btn--ghost btn--sm" aria-pressed={showing === 'thanks'} onClick={() => setShowing('thanks')}>
            After sending
          </button>
        </div>
      </div>
      <div className="form-preview__page" data-testid="form-preview">
        <div className="bf-preview">
          <p className="visually-hidden">The form as visitors to your website see it (Contact {businessName}):</p>
          {showing === 'thanks' ? (
            <p className="bf-preview__thanks">{values.thankYouMessage.trim() || 'Thank you! We will be in touch shortly.'}</p>
          ) : (
            <>
              <p className="bf-preview__muted">Fields marked * are required.</p>
              {fields.map((field) =>
                field.kind === 'checkbox' ? (
                  <div key={field.id} className="bf-preview__field bf-preview__check">
                    <span className="bf-preview__box" />
                    <span>
                      <FieldLabel field={field} />
                    </span>
                  </div>
                ) : (
                  <div key={field.id} className="bf-preview__field">
                    <span className="bf-preview__label">
                      <FieldLabel field={field} />
                    </span>
                    <span className={`bf-preview__input${field.kind === 'textarea' ? ' bf-preview__input--area' : ''}`}>
                      {field.kind === 'select' ? <span className="bf-preview__placeholder">Choose… ▾</span> : null}
                    </span>
                    {field.kind === 'select' && field.options && field.options.length > 0 ? (
                      <span className="bf-preview__choices">Choices: {field.options.join(' · ')}</span>
                    ) : null}
                  </div>
                ),
              )}
              <div className="bf-preview__field bf-preview__check" data-testid="preview-consent">
                <span className="bf-preview__box" />
                <span>
                  {values.consentText.trim() || <em className="bf-preview__missing">Your consent text goes here</em>}
                  <span className="bf-preview__req">*</span>
                </span>
              </div>
              <span className="bf-preview__button">Send</span>
            </>
          )}
        </div>
      </div>
    </section>
  );
}

function FieldLabel({ field }: { field: PreviewField }) {
  return (
    <>
      {field.label || <em className="bf-preview__missing">(no label yet)</em>}
      {field.required ? <span className="bf-preview__req">*</span> : null}
    </>
  );
}
