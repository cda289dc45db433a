import type { PublicLeadForm } from '@beaker/contracts';
import { el } from './dom';
import type { FieldError, FieldSpec, FieldValues } from './lead-form-fields';

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

export interface LeadFormView {
  form: HTMLFormElement;
  values(): FieldValues;
  honeypotValue(): string;
  /** Shows each error beside its field; returns those naming no field, and the first invalid control (in the order shown). */
  showErrors(errors: FieldError[]): { unplaced: FieldError[]; firstInvalid: Control | null };
  clearErrors(): void;
  showFormError(text: string | null): void;
  setSending(sending: boolean): void;
}

const SEND = 'Send';

/** The form's DOM: a visible label for every control, errors tied to their controls, the honeypot hidden from people. */
export function buildLeadFormView(publicForm: PublicLeadForm, specs: FieldSpec[]): LeadFormView {
  const fields = specs.map(buildField);
  const trap = el('input', { id: 'bf-hp', name: publicForm.honeypotField, type: 'text', tabindex: '-1', autocomplete: 'off' });
  const trapBox = el('div', { 'aria-hidden': 'true' }, el('label', { for: 'bf-hp' }, 'Leave this field empty'), trap);
  // Off-screen, not display:none (bots skip those); set through the CSSOM, which no CSP forbids.
  Object.assign(trapBox.style, { position: 'absolute', left: '-10000px', top: 'auto', width: '1px', height: '1px', overflow: 'hidden' });
  const formError = el('p', { id: 'bf-form-error', class: 'form-error', hidden: true });
  const button = el('button', { type: 'submit' }, SEND);
  const form = el(
    'form',
    { novalidate: true, 'aria-label': `Contact ${publicForm.businessName}` },
    el('p', { class: 'muted', 'aria-hidden': 'true' }, 'Fields marked * are required.'),
    ...fields.map((f) => f.box),
    trapBox,
    formError,
    button,
  );
  const byName = new Map(fields.map((f) => [f.spec.name, f]));
  const showFormError = (text: string | null) => {
    formError.textContent = text ?? '';
    formError.hidden = text === null;
  };

  return {
    form,
    values: () => Object.fromEntries(fields.map(({ spec, control }) => [spec.name, spec.kind === 'checkbox' ? (control as HTMLInputElement).checked : control.value.trim()])),
    honeypotValue: () => trap.value,
    showErrors(errors) {
      const unplaced: FieldError[] = [];
      for (const error of errors) {
        const field = byName.get(error.field);
        if (!field) {
          unplaced.push(error);
          continue;
        }
        field.error.textContent = error.message;
        field.error.hidden = false;
        field.control.setAttribute('aria-invalid', 'true');
        field.control.setAttribute('aria-describedby', field.error.id);
      }
      const firstInvalid = fields.find((f) => f.control.getAttribute('aria-invalid') === 'true')?.control ?? null;
      return { unplaced, firstInvalid };
    },
    clearErrors() {
      for (const { control, error } of fields) {
        error.hidden = true;
        error.textContent = '';
        control.removeAttribute('aria-invalid');
        control.removeAttribute('aria-describedby');
      }
      showFormError(null);
    },
    showFormError,
    setSending(sending) {
      // aria-disabled rather than disabled: a disabled button drops the keyboard focus to the page.
      // The caller ignores submits while sending, so there is no second request either way.
      button.setAttribute('aria-disabled', String(sending));
      button.textContent = sending ? 'Sending…' : SEND;
      form.setAttribute('aria-busy', String(sending));
    },
  };
}

function buildField(spec: FieldSpec) {
  const id = `bf-${spec.name.replace(/[^a-z0-9_-]/gi, '-')}`;
  const error = el('p', { id: `${id}-error`, class: 'error', hidden: true });
  const label = el('label', { for: id }, spec.label, spec.required ? el('span', { class: 'req', 'aria-hidden': 'true' }, '*') : '');
  const common = { id, name: spec.name, required: spec.required };
  let control: Control;
  if (spec.kind === 'textarea') control = el('textarea', { ...common, rows: 4 });
  else if (spec.kind === 'select') control = el('select', common, el('option', { value: '' }, 'Choose…'), ...(spec.options ?? []).map((option) => el('option', { value: option }, option)));
  else control = el('input', { ...common, type: spec.kind === 'checkbox' ? 'checkbox' : spec.kind, autocomplete: spec.autocomplete });
  const box = spec.kind === 'checkbox' ? el('div', { class: 'field' }, el('div', { class: 'check' }, control, label), error) : el('div', { class: 'field' }, label, control, error);
  return { spec, control, error, box };
}
