import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-error';
import { keyFromLabel, newFormValues, problemsFromApi, toLeadFormInput, validateFormBuilder, type FormBuilderValues } from './form-builder-values';

const valid = (): FormBuilderValues => ({
  ...newFormValues('Cool Air HVAC'),
  name: 'Quote form',
  custom: [{ key: 'service', label: 'Service', type: 'select', required: true, options: 'Repair, Installation' }],
  allowedOrigins: [{ value: 'https://www.coolair.example' }],
});

const paths = (values: FormBuilderValues) => validateFormBuilder(values).map((p) => p.path);

describe('the form builder’s checks', () => {
  it('accepts a complete form, and a new form needs only a name', () => {
    expect(validateFormBuilder(valid())).toEqual([]);
    expect(paths(newFormValues('Cool Air HVAC'))).toEqual(['name']);
    expect(paths({ ...newFormValues('Cool Air HVAC'), name: 'Quote' })).toEqual([]);
  });

  it('names each problem by the input it belongs to', () => {
    const values = valid();
    values.name = '   ';
    values.custom = [
      { key: 'Service', label: '', type: 'text', required: false, options: '' },
      { key: 'phone', label: 'Phone again', type: 'text', required: false, options: '' },
      { key: 'size', label: 'Size', type: 'select', required: false, options: ' , ' },
      { key: 'size', label: 'Size again', type: 'text', required: false, options: '' },
    ];
    values.consentText = '';
    values.allowedOrigins = [{ value: '' }, { value: 'https://ok.example' }, { value: 'https://bad.example/contact' }, { value: 'ftp://x.example' }];
    values.thankYouMessage = 'x'.repeat(501);
    expect(validateFormBuilder(values)).toEqual([
      { path: 'name', message: 'Enter a name for the form.' },
      { path: 'custom.0.label', message: 'Enter a label.' },
      { path: 'custom.0.key', message: 'Use lower-case letters, digits and _, starting with a letter.' },
      { path: 'custom.1.key', message: '"phone" is a built-in field; choose another key.' },
      { path: 'custom.2.options', message: 'A drop-down needs at least one choice.' },
      { path: 'custom.3.key', message: '"size" is already the key of field 3.' },
      { path: 'consentText', message: 'Enter the consent text.' },
      { path: 'allowedOrigins.2.value', message: 'Enter the site’s address only, like https://www.example.com (no path).' },
      { path: 'allowedOrigins.3.value', message: 'Enter the site’s address only, like https://www.example.com (no path).' },
      { path: 'thankYouMessage', message: 'Keep it under 501 characters.' },
    ]);
  });

  it('makes a key from a label', () => {
    expect(keyFromLabel('What do you need?')).toBe('what_do_you_need');
    expect(keyFromLabel('  2nd Phone # ')).toBe('nd_phone');
    expect(keyFromLabel('Email')).toBe('email_2');
  });
});

describe('the request body', () => {
  it('leaves out blank websites and remembers which input each origin came from; choices only for a select', () => {
    const values = valid();
    values.allowedOrigins = [{ value: ' ' }, { value: ' https://a.example ' }, { value: '' }, { value: 'https://b.example' }];
    values.custom.push({ key: 'notes', label: 'Notes', type: 'textarea', required: false, options: 'ignored' });
    values.email = { enabled: false, required: true };
    const { input, originInputs } = toLeadFormInput(values);
    expect(input.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(originInputs).toEqual([1, 3]);
    expect(input.fields.custom).toEqual([
      { key: 'service', label: 'Service', type: 'select', required: true, options: ['Repair', 'Installation'] },
      { key: 'notes', label: 'Notes', type: 'textarea', required: false },
    ]);
    // A field that is not asked cannot be required.
    expect(input.fields.email).toEqual({ enabled: false, required: false });
  });
});

describe('the API’s problems, beside the right inputs', () => {
  const problem = (errors: { field: string; messages: string[] }[]) =>
    new ApiError({ type: 'about:blank', title: 'Validation failed', status: 400, code: 'VALIDATION.FAILED', errors });

  it('maps allowedOrigins.<i> of the request to the input that origin came from', () => {
    const error = problem([{ field: 'allowedOrigins.1', messages: ['must be an origin like https://www.example.com (no path)'] }]);
    expect(problemsFromApi(error, [1, 3])).toEqual([{ path: 'allowedOrigins.3.value', message: 'Must be an origin like https://www.example.com (no path).' }]);
  });

  it('maps the fields of the request to the builder’s, and keeps what names no input for the form', () => {
    const error = problem([
      { field: 'fields.custom.0.key', messages: ['"service" is used twice'] },
      { field: 'fields.custom.2.options', messages: ['a select needs at least one option'] },
      { field: 'fields.email', messages: ['a required field must be enabled'] },
      { field: 'name', messages: ['name should not be empty'] },
      { field: 'fields.custom', messages: ['at most 5 custom fields'] },
      { field: 'colour', messages: ['property colour should not exist'] },
    ]);
    expect(problemsFromApi(error, [])).toEqual([
      { path: 'custom.0.key', message: '"service" is used twice.' },
      { path: 'custom.2.options', message: 'A select needs at least one option.' },
      { path: 'email.required', message: 'A required field must be enabled.' },
      { path: 'name', message: 'Name should not be empty.' },
      { path: 'custom', message: 'At most 5 custom fields.' },
      { path: 'form', message: 'colour: Property colour should not exist.' },
    ]);
  });
});
