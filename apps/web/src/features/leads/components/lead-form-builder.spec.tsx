import type { LeadFormInput } from '@beaker/contracts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/api-error';
import { newFormValues } from './form-builder-values';
import { LeadFormBuilder } from './lead-form-builder';

function renderBuilder(onSave = vi.fn(async (_input: LeadFormInput) => undefined)) {
  render(<LeadFormBuilder businessName="Cool Air HVAC" initial={newFormValues('Cool Air HVAC')} submitLabel="Create form" onSave={onSave} />);
  return onSave;
}

const type = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });

describe('the form builder', () => {
  it('refuses to save without a name, and says so beside the field', async () => {
    const onSave = renderBuilder();
    fireEvent.click(screen.getByRole('button', { name: 'Create form' }));
    const name = screen.getByRole('textbox', { name: 'Form name' });
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(name.getAttribute('aria-describedby')!.split(' ').pop()!)?.textContent).toBe('Enter a name for the form.');
    expect(screen.getByText('Not saved: one field needs your attention.')).toBeTruthy();
    expect(onSave).not.toHaveBeenCalled();
  });

  it('sends the form as the API takes it', async () => {
    const onSave = renderBuilder();
    type(screen.getByRole('textbox', { name: 'Form name' }), 'Quote form');
    type(screen.getByRole('textbox', { name: 'Website 1' }), 'https://www.coolair.example');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Ask for a message' }));
    fireEvent.click(screen.getByRole('button', { name: 'Create form' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    const input = onSave.mock.calls[0][0];
    expect(input.name).toBe('Quote form');
    expect(input.allowedOrigins).toEqual(['https://www.coolair.example']);
    expect(input.fields.message).toEqual({ enabled: false, required: false });
    expect(input.autoCall).toBe(true);
    expect(await screen.findByText('Saved.')).toBeTruthy();
  });

  it('shows the API’s problem with a website beside the input it came from', async () => {
    const onSave = vi.fn(async () => {
      throw new ApiError({
        type: 'about:blank',
        title: 'The form is not valid',
        status: 400,
        code: 'VALIDATION.FAILED',
        errors: [{ field: 'allowedOrigins.0', messages: ['must be an origin like https://www.example.com (no path)'] }],
      });
    });
    renderBuilder(onSave);
    type(screen.getByRole('textbox', { name: 'Form name' }), 'Quote form');
    // The first input left blank: the API's origin 0 is the second input.
    fireEvent.click(screen.getByRole('button', { name: 'Add a website' }));
    type(screen.getByRole('textbox', { name: 'Website 2' }), 'http://localhost:8080');
    fireEvent.click(screen.getByRole('button', { name: 'Create form' }));
    const second = screen.getByRole('textbox', { name: 'Website 2' });
    await waitFor(() => expect(second.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('textbox', { name: 'Website 1' }).getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByText('Must be an origin like https://www.example.com (no path).')).toBeTruthy();
    expect(document.activeElement).toBe(second);
  });

  it('says what went wrong when the API names no field', async () => {
    const onSave = vi.fn(async () => {
      throw new ApiError({ type: 'about:blank', title: 'Too many forms', status: 409, code: 'LEADS.FORM_LIMIT', detail: 'A business may have up to 20 forms; delete one first' });
    });
    renderBuilder(onSave);
    type(screen.getByRole('textbox', { name: 'Form name' }), 'Quote form');
    fireEvent.click(screen.getByRole('button', { name: 'Create form' }));
    expect((await screen.findByRole('alert')).textContent).toBe('A business may have up to 20 forms; delete one first');
  });

  it('redraws the preview as the owner types', async () => {
    renderBuilder();
    const preview = screen.getByTestId('form-preview');
    expect(within(preview).getByText('Email')).toBeTruthy();
    expect(preview.textContent).toContain('I agree that Cool Air HVAC may call me');

    fireEvent.click(screen.getByRole('checkbox', { name: 'Ask for an email address' }));
    await waitFor(() => expect(within(preview).queryByText('Email')).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: 'Add a field' }));
    const field = screen.getByRole('group', { name: 'Custom field 1' });
    type(within(field).getByRole('textbox', { name: 'Label' }), 'What do you need?');
    await waitFor(() => expect(within(preview).getByText('What do you need?')).toBeTruthy());
    // The key follows the label until the owner writes their own.
    expect((within(field).getByRole('textbox', { name: 'Key' }) as HTMLInputElement).value).toBe('what_do_you_need');
    fireEvent.change(within(field).getByRole('combobox', { name: 'Type' }), { target: { value: 'select' } });
    type(await within(field).findByRole('textbox', { name: /Choices/ }), 'Repair, Installation');
    await waitFor(() => expect(preview.textContent).toContain('Choices: Repair · Installation'));

    type(screen.getByRole('textbox', { name: 'Consent text' }), 'Yes, call me.');
    await waitFor(() => expect(preview.textContent).toContain('Yes, call me.'));

    type(screen.getByRole('textbox', { name: 'Thank-you message' }), 'Talk soon!');
    fireEvent.click(screen.getByRole('button', { name: 'After sending' }));
    expect(within(preview).getByText('Talk soon!')).toBeTruthy();
  });

  it('takes at most 5 custom fields', () => {
    renderBuilder();
    const add = screen.getByRole('button', { name: 'Add a field' });
    for (let i = 0; i < 5; i += 1) fireEvent.click(add);
    expect(screen.getAllByRole('group', { name: /Custom field \d/ })).toHaveLength(5);
    expect((screen.getByRole('button', { name: '5 fields: the most a form has' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
