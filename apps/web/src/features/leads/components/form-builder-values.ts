import { LEAD_FIELD_TYPES, MAX_CUSTOM_FIELDS, type LeadFieldType, type LeadForm, type LeadFormInput } from '@beaker/contracts';
import type { ApiError } from '../../../lib/api-error';

/** The builder's values as react-hook-form keeps them (lists as arrays of objects, choices as one text). */
export interface FormBuilderValues {
  name: string;
  email: { enabled: boolean; required: boolean };
  message: { enabled: boolean; required: boolean };
  custom: CustomFieldValues[];
  consentText: string;
  allowedOrigins: { value: string }[];
  autoCall: boolean;
  thankYouMessage: string;
}

export interface CustomFieldValues {
  key: string;
  label: string;
  type: LeadFieldType;
  required: boolean;
  /** For a select: its choices, separated by commas. */
  options: string;
}

/** A problem with one of the builder's inputs, named by its react-hook-form path (`custom.1.key`). */
export interface BuilderProblem {
  path: string;
  message: string;
}

export const LIMITS = { name: 100, label: 100, consentText: 2000, thankYouMessage: 500, origins: 20, option: 100, options: 20 } as const;

// The API's defaults (forms/lead-form-rules.ts), so that a new form's preview shows what it will be.
export const DEFAULT_THANK_YOU = 'Thanks! We will call you in a moment.';
export function defaultConsentText(businessName: string): string {
  return (
    `By submitting this form, I agree that ${businessName} may call me at the number above about my request, ` +
    'including with an AI voice assistant and automated technology. Consent is not a condition of purchase. ' +
    'I can ask not to be called again at any time, or reply STOP to a text.'
  );
}

export function newFormValues(businessName: string): FormBuilderValues {
  return {
    name: '',
    email: { enabled: true, required: false },
    message: { enabled: true, required: false },
    custom: [],
    consentText: defaultConsentText(businessName),
    allowedOrigins: [{ value: '' }],
    autoCall: true,
    thankYouMessage: DEFAULT_THANK_YOU,
  };
}

export function valuesOfForm(form: LeadForm): FormBuilderValues {
  return {
    name: form.name,
    email: { ...form.fields.email },
    message: { ...form.fields.message },
    custom: form.fields.custom.map((f) => ({ key: f.key, label: f.label, type: f.type, required: f.required, options: (f.options ?? []).join(', ') })),
    consentText: form.consentText,
    allowedOrigins: form.allowedOrigins.length > 0 ? form.allowedOrigins.map((value) => ({ value })) : [{ value: '' }],
    autoCall: form.autoCall,
    thankYouMessage: form.thankYouMessage,
  };
}

export const NEW_CUSTOM_FIELD: CustomFieldValues = { key: '', label: '', type: 'text', required: false, options: '' };

/** "Repair, Installation ," → ["Repair", "Installation"]. */
export function choicesOf(options: string): string[] {
  return options
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
}

/** "What do you need?" → "what_do_you_need": a key the owner need not invent. */
export function keyFromLabel(label: string): string {
  const key = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return RESERVED_KEYS.has(key) ? `${key}_2` : key;
}

/**
 * The request body, and for each origin sent the index of the input it came from (blank inputs
 * are left out), so the API's `allowedOrigins.<i>` can be shown beside the right input.
 */
export function toLeadFormInput(values: FormBuilderValues): { input: LeadFormInput; originInputs: number[] } {
  const originInputs: number[] = [];
  const allowedOrigins: string[] = [];
  values.allowedOrigins.forEach(({ value }, index) => {
    if (value.trim()) {
      allowedOrigins.push(value.trim());
      originInputs.push(index);
    }
  });
  return {
    input: {
      name: values.name.trim(),
      fields: {
        email: { enabled: values.email.enabled, required: values.email.enabled && values.email.required },
        message: { enabled: values.message.enabled, required: values.message.enabled && values.message.required },
        custom: values.custom.map((f) => ({
          key: f.key.trim(),
          label: f.label.trim(),
          type: f.type,
          required: f.required,
          ...(f.type === 'select' ? { options: choicesOf(f.options) } : {}),
        })),
      },
      consentText: values.consentText.trim(),
      allowedOrigins,
      autoCall: values.autoCall,
      thankYouMessage: values.thankYouMessage.trim(),
    },
    originInputs,
  };
}

const CUSTOM_KEY = /^[a-z][a-z0-9_]{0,39}$/;
// The submission's own names (the API refuses them as custom keys).
const RESERVED_KEYS = new Set(['name', 'phone', 'email', 'message', 'consent', 'pageurl', 'page_url', 'fields']);

/** An origin as a browser sends it (`https://www.example.com`), or null: the API's rule, checked before asking. */
export function normalizeOrigin(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return null;
  return url.origin;
}

/** What the builder can tell before asking the API (which checks again, and has the last word). */
export function validateFormBuilder(values: FormBuilderValues): BuilderProblem[] {
  const problems: BuilderProblem[] = [];
  const need = (path: string, value: string, what: string, max: number) => {
    if (!value.trim()) problems.push({ path, message: `Enter ${what}.` });
    else if (value.trim().length > max) problems.push({ path, message: `Keep it under ${max + 1} characters.` });
  };
  need('name', values.name, 'a name for the form', LIMITS.name);
  if (values.custom.length > MAX_CUSTOM_FIELDS) problems.push({ path: 'custom', message: `A form has at most ${MAX_CUSTOM_FIELDS} custom fields.` });
  const keys = new Map<string, number>();
  values.custom.forEach((field, i) => {
    need(`custom.${i}.label`, field.label, 'a label', LIMITS.label);
    const key = field.key.trim();
    if (!key) problems.push({ path: `custom.${i}.key`, message: 'Enter a key, e.g. service.' });
    else if (!CUSTOM_KEY.test(key)) problems.push({ path: `custom.${i}.key`, message: 'Use lower-case letters, digits and _, starting with a letter.' });
    else if (RESERVED_KEYS.has(key)) problems.push({ path: `custom.${i}.key`, message: `"${key}" is a built-in field; choose another key.` });
    else if (keys.has(key)) problems.push({ path: `custom.${i}.key`, message: `"${key}" is already the key of field ${keys.get(key)! + 1}.` });
    if (key) keys.set(key, keys.get(key) ?? i);
    if (!(LEAD_FIELD_TYPES as readonly string[]).includes(field.type)) problems.push({ path: `custom.${i}.type`, message: 'Choose a type.' });
    if (field.type === 'select') {
      const choices = choicesOf(field.options);
      if (choices.length === 0) problems.push({ path: `custom.${i}.options`, message: 'A drop-down needs at least one choice.' });
      else if (choices.length > LIMITS.options) problems.push({ path: `custom.${i}.options`, message: `At most ${LIMITS.options} choices.` });
      else if (choices.some((c) => c.length > LIMITS.option)) problems.push({ path: `custom.${i}.options`, message: `Keep each choice under ${LIMITS.option + 1} characters.` });
    }
  });
  need('consentText', values.consentText, 'the consent text', LIMITS.consentText);
  const filled = values.allowedOrigins.filter((o) => o.value.trim());
  if (filled.length > LIMITS.origins) problems.push({ path: 'allowedOrigins', message: `At most ${LIMITS.origins} websites.` });
  values.allowedOrigins.forEach(({ value }, i) => {
    if (value.trim() && !normalizeOrigin(value)) {
      problems.push({ path: `allowedOrigins.${i}.value`, message: 'Enter the site’s address only, like https://www.example.com (no path).' });
    }
  });
  need('thankYouMessage', values.thankYouMessage, 'a thank-you message', LIMITS.thankYouMessage);
  return problems;
}

/**
 * The API's field problems (`errors[].field`, named after the request body) as builder paths:
 * `fields.custom.2.key` → `custom.2.key`, `allowedOrigins.1` → the input that origin came from.
 * Problems that name no input of the builder come back under `form`.
 */
export function problemsFromApi(error: ApiError, originInputs: number[]): BuilderProblem[] {
  return error.errors.flatMap(({ field, messages }) => {
    const message = sentence(messages.join('; '));
    const origin = /^allowedOrigins\.(\d+)$/.exec(field);
    if (origin) {
      const input = originInputs[Number(origin[1])];
      return [{ path: input === undefined ? 'allowedOrigins' : `allowedOrigins.${input}.value`, message }];
    }
    const custom = /^fields\.custom\.(\d+)\.(key|label|type|required|options)$/.exec(field);
    if (custom) return [{ path: `custom.${custom[1]}.${custom[2]}`, message }];
    if (field === 'fields.custom') return [{ path: 'custom', message }];
    if (field === 'fields.email' || field === 'fields.message') return [{ path: `${field.slice('fields.'.length)}.required`, message }];
    if (['name', 'consentText', 'thankYouMessage', 'allowedOrigins', 'autoCall'].includes(field)) return [{ path: field, message }];
    return [{ path: 'form', message: `${field}: ${message}` }];
  });
}

const sentence = (text: string) => {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};
