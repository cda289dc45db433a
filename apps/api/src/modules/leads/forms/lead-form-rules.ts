import { MAX_CUSTOM_FIELDS, type LeadFormCustomField, type LeadFormFields, type LeadFormSubmission } from '@beaker/contracts';
import { callablePhoneE164 } from '../../compliance';

/** How many live forms a business may have. */
export const MAX_FORMS_PER_BUSINESS = 20;

export const DEFAULT_FORM_FIELDS: LeadFormFields = {
  email: { enabled: true, required: false },
  message: { enabled: true, required: false },
  custom: [],
};

/** The consent text a new form starts with (the owner may change it; every lead keeps what it saw). */
export function defaultConsentText(businessName: string): string {
  return (
    `By submitting this form, I agree that ${businessName} may call me at the number above about my request, ` +
    'including with an AI voice assistant and automated technology. Consent is not a condition of purchase. ' +
    'I can ask not to be called again at any time, or reply STOP to a text.'
  );
}

export const DEFAULT_THANK_YOU = 'Thanks! We will call you in a moment.';

/** A field a form's own checks refused, with why (the problem's `errors`, as validation answers them). */
export interface FieldProblem {
  field: string;
  messages: string[];
}

const CUSTOM_KEY = /^[a-z][a-z0-9_]{0,39}$/;
const RESERVED_KEYS = new Set(['name', 'phone', 'email', 'message', 'consent', 'pageurl', 'page_url', 'fields']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Problems of a form's fields beyond their shape (unique keys, choices for a select). */
export function fieldsProblems(fields: LeadFormFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (fields.custom.length > MAX_CUSTOM_FIELDS) problems.push({ field: 'fields.custom', messages: [`at most ${MAX_CUSTOM_FIELDS} custom fields`] });
  const seen = new Set<string>();
  fields.custom.forEach((f, i) => {
    const at = `fields.custom.${i}`;
    if (!CUSTOM_KEY.test(f.key) || RESERVED_KEYS.has(f.key)) problems.push({ field: `${at}.key`, messages: ['must be lower-case letters, digits and _, start with a letter, and not be a built-in field'] });
    if (seen.has(f.key)) problems.push({ field: `${at}.key`, messages: [`"${f.key}" is used twice`] });
    seen.add(f.key);
    if (f.type === 'select' && (!f.options || f.options.length === 0)) problems.push({ field: `${at}.options`, messages: ['a select needs at least one option'] });
    if (f.type !== 'select' && f.options && f.options.length > 0) problems.push({ field: `${at}.options`, messages: ['only a select has options'] });
  });
  if (fields.email.required && !fields.email.enabled) problems.push({ field: 'fields.email', messages: ['a required field must be enabled'] });
  if (fields.message.required && !fields.message.enabled) problems.push({ field: 'fields.message', messages: ['a required field must be enabled'] });
  return problems;
}

/** An allowed origin as the browser sends it (`https://example.com`), or null when it is not one. */
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

/** What a submission carries once the form's rules are applied. */
export interface CleanSubmission {
  name: string;
  phoneE164: string;
  email: string | null;
  message: string | null;
  fields: Record<string, string | boolean>;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim().length > 0 ? v.trim() : null);

function customValue(field: LeadFormCustomField, raw: unknown): { value: string | boolean | null; problem?: string } {
  if (field.type === 'checkbox') {
    if (raw === undefined || raw === null || raw === '') return { value: null };
    if (typeof raw !== 'boolean') return { value: null, problem: 'must be true or false' };
    return { value: raw };
  }
  if (raw !== undefined && raw !== null && typeof raw !== 'string') return { value: null, problem: 'must be text' };
  const value = text(raw);
  if (value === null) return { value: null };
  const max = field.type === 'textarea' ? 2000 : 500;
  if (value.length > max) return { value: null, problem: `at most ${max} characters` };
  if (field.type === 'email' && !EMAIL.test(value)) return { value: null, problem: 'must be an email address' };
  if (field.type === 'select' && !(field.options ?? []).includes(value)) return { value: null, problem: 'must be one of the choices' };
  return { value };
}

/**
 * Applies a form's rules to a submission: required fields, the phone as E.164, custom fields by
 * type. Returns the clean values, or the problems (every one, so a person fixes them at once).
 */
export function checkSubmission(fields: LeadFormFields, s: LeadFormSubmission): { clean: CleanSubmission } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const name = text(s.name);
  if (!name) problems.push({ field: 'name', messages: ['enter your name'] });
  else if (name.length > 100) problems.push({ field: 'name', messages: ['at most 100 characters'] });
  const phoneE164 = typeof s.phone === 'string' ? callablePhoneE164(s.phone) : null;
  if (!phoneE164) problems.push({ field: 'phone', messages: ['enter a valid US or Canadian phone number'] });
  const email = fields.email.enabled ? text(s.email) : null;
  if (fields.email.enabled && fields.email.required && !email) problems.push({ field: 'email', messages: ['enter your email address'] });
  else if (email && (email.length > 254 || !EMAIL.test(email))) problems.push({ field: 'email', messages: ['enter a valid email address'] });
  const message = fields.message.enabled ? text(s.message) : null;
  if (fields.message.enabled && fields.message.required && !message) problems.push({ field: 'message', messages: ['tell us what you need'] });
  else if (message && message.length > 2000) problems.push({ field: 'message', messages: ['at most 2000 characters'] });
  const custom: Record<string, string | boolean> = {};
  const given = s.fields ?? {};
  for (const key of Object.keys(given)) {
    if (!fields.custom.some((f) => f.key === key)) problems.push({ field: `fields.${key}`, messages: ['this form has no such field'] });
  }
  for (const field of fields.custom) {
    const { value, problem } = customValue(field, given[field.key]);
    if (problem) problems.push({ field: `fields.${field.key}`, messages: [problem] });
    else if (value === null || value === false) {
      if (field.required) problems.push({ field: `fields.${field.key}`, messages: [field.type === 'checkbox' ? 'must be ticked' : 'required'] });
      else if (value === false) custom[field.key] = false;
    } else custom[field.key] = value;
  }
  if (problems.length > 0) return { problems };
  return { clean: { name: name!, phoneE164: phoneE164!, email, message, fields: custom } };
}
