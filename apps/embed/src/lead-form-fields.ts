import { MAX_CUSTOM_FIELDS, type LeadFormCustomField, type LeadFormSubmission, type PublicLeadForm } from '@beaker/contracts';

export type FieldKind = 'text' | 'tel' | 'email' | 'textarea' | 'select' | 'checkbox';

/** One control of the form, named as its value is named in the submission (`fields.<key>` for custom fields). */
export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  autocomplete?: string;
  options?: string[];
}

export type FieldValues = Record<string, string | boolean>;

export interface FieldError {
  field: string;
  message: string;
}

/** The submission's consent checkbox: always asked, always required. */
export const CONSENT = 'consent';
const CUSTOM_PREFIX = 'fields.';

/** The form's controls in the order they are shown; the consent checkbox last, beside the button. */
export function fieldsOf(form: PublicLeadForm): FieldSpec[] {
  const { email, message, custom } = form.fields;
  const specs: FieldSpec[] = [
    { name: 'name', label: 'Name', kind: 'text', required: true, autocomplete: 'name' },
    { name: 'phone', label: 'Phone', kind: 'tel', required: true, autocomplete: 'tel' },
  ];
  if (email.enabled) specs.push({ name: 'email', label: 'Email', kind: 'email', required: email.required, autocomplete: 'email' });
  if (message.enabled) specs.push({ name: 'message', label: 'Message', kind: 'textarea', required: message.required });
  specs.push(...custom.slice(0, MAX_CUSTOM_FIELDS).map(customField));
  specs.push({ name: CONSENT, label: form.consentText, kind: 'checkbox', required: true });
  return specs;
}

function customField(field: LeadFormCustomField): FieldSpec {
  const spec: FieldSpec = { name: `${CUSTOM_PREFIX}${field.key}`, label: field.label, kind: 'text', required: field.required };
  if (field.type === 'select' && field.options?.length) return { ...spec, kind: 'select', options: field.options };
  if (field.type === 'textarea' || field.type === 'email' || field.type === 'checkbox') return { ...spec, kind: field.type };
  return spec;
}

/**
 * Loose on purpose: the API checks the number for real (country, length). Here only what is
 * certainly wrong is caught: letters, or too few or too many digits.
 */
export function isPlausiblePhone(value: string): boolean {
  return /^\+?\d{7,15}$/.test(value.replace(/[\s().\-/]/g, ''));
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What is missing or certainly wrong, in the order the fields are shown. */
export function validateFields(specs: FieldSpec[], values: FieldValues): FieldError[] {
  const errors: FieldError[] = [];
  for (const spec of specs) {
    const value = values[spec.name];
    let message: string | null = null;
    if (spec.kind === 'checkbox') {
      if (spec.required && value !== true) message = spec.name === CONSENT ? 'Tick this box to agree before sending.' : 'Tick this box to continue.';
    } else if (typeof value !== 'string' || value === '') {
      if (spec.required) message = spec.kind === 'select' ? 'Choose an option.' : 'This field is required.';
    } else if (spec.kind === 'tel' && !isPlausiblePhone(value)) {
      message = 'Enter a valid phone number, e.g. +1 415 555 0100.';
    } else if (spec.kind === 'email' && !EMAIL.test(value)) {
      message = 'Enter a valid email address, e.g. name@example.com.';
    }
    if (message) errors.push({ field: spec.name, message });
  }
  return errors;
}

/** The body of POST /v1/forms/:formId/submissions. */
export type SubmissionBody = LeadFormSubmission & Record<string, unknown>;

export function submissionOf(form: PublicLeadForm, specs: FieldSpec[], values: FieldValues, pageUrl: string, honeypotValue: string): SubmissionBody {
  const fields: Record<string, string | boolean> = {};
  const body: LeadFormSubmission = { name: String(values.name ?? ''), phone: String(values.phone ?? ''), consent: values[CONSENT] === true, pageUrl, consentVersion: form.consentVersion, fields };
  for (const spec of specs) {
    const value = values[spec.name];
    // Optional fields left empty are left out rather than sent as "".
    if (value === undefined || value === '') continue;
    if (spec.name === 'email' || spec.name === 'message') body[spec.name] = String(value);
    else if (spec.name.startsWith(CUSTOM_PREFIX)) fields[spec.name.slice(CUSTOM_PREFIX.length)] = value;
  }
  // The honeypot first: a name the API chose can never replace a real field.
  return { [form.honeypotField]: honeypotValue, ...body };
}
