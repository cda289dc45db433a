import type { LeadForm } from '@beaker/contracts';
import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { jsonResponse, renderAt } from '../../../test/render';
import { sandboxTestPhone } from './sandbox-test-phone';
import { SendTestLead, testSubmission } from './send-test-lead';

const form: LeadForm = {
  id: 'f1',
  businessId: 'b1',
  name: 'Quote form',
  fields: {
    email: { enabled: true, required: true },
    message: { enabled: true, required: false },
    custom: [
      { key: 'service', label: 'Service', type: 'select', required: true, options: ['Repair', 'Installation'] },
      { key: 'agree_terms', label: 'Terms', type: 'checkbox', required: true },
      { key: 'notes', label: 'Notes', type: 'textarea', required: false },
    ],
  },
  consentText: 'I agree to be called.',
  consentVersion: 3,
  allowedOrigins: [],
  autoCall: true,
  thankYouMessage: 'Thanks!',
  embedSnippet: '<script></script>',
  createdAt: '2026-02-01T00:00:00.000Z',
  updatedAt: '2026-02-01T00:00:00.000Z',
};

afterEach(() => vi.unstubAllGlobals());

describe('a test lead', () => {
  it('answers every required field of the saved form, with consent and its version', () => {
    expect(testSubmission(form, 'Test Lead', '+12125550142', 'http://localhost/app')).toEqual({
      name: 'Test Lead',
      phone: '+12125550142',
      consent: true,
      pageUrl: 'http://localhost/app',
      consentVersion: 3,
      email: 'test-lead@example.com',
      message: 'This is a test lead sent from the Beaker dashboard.',
      fields: { service: 'Repair', agree_terms: true },
    });
  });

  it('suggests a number where it is daytime now, or says when it is night everywhere', () => {
    // 17:00 UTC: noon in New York (EST), 7 am in Honolulu.
    const noonInNewYork = sandboxTestPhone(new Date('2026-02-06T17:00:00Z'));
    expect(noonInNewYork.callableNow).toBe(true);
    expect(noonInNewYork.e164).toMatch(/^\+1(212|312|303|415)5550142$/);
    // 23:00 UTC: 3 pm in San Francisco, 6 pm in New York.
    expect(sandboxTestPhone(new Date('2026-02-06T23:00:00Z')).e164).toBe('+14155550142');
    // 09:30 UTC: 4:30 am in New York, 11:30 pm in Honolulu.
    expect(sandboxTestPhone(new Date('2026-02-06T09:30:00Z')).callableNow).toBe(false);
  });

  it('goes through the form’s public path and links to the new lead', async () => {
    const post = vi.fn(() => jsonResponse(202, { leadId: 'l9', duplicate: false }));
    stubApi({ 'POST /v1/forms/f1/submissions': post });
    renderAt(<SendTestLead businessId="b1" form={form} />);
    fireEvent.change(screen.getByRole('textbox', { name: "Lead's name" }), { target: { value: 'Sam Test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send a test lead' }));
    const link = await screen.findByRole('link', { name: 'Open the lead' });
    expect(link.getAttribute('href')).toBe('/app/businesses/b1/leads/l9');
    expect(JSON.parse(String((post.mock.calls[0] as unknown as [RequestInit])[0].body))).toMatchObject({ name: 'Sam Test', consent: true, consentVersion: 3 });
  });

  it('shows the API’s refusal of the phone beside the phone', async () => {
    stubApi({
      'POST /v1/forms/f1/submissions': () =>
        jsonResponse(400, { type: 'about:blank', title: 'Validation failed', status: 400, code: 'VALIDATION.FAILED', errors: [{ field: 'phone', messages: ['enter a valid US or Canadian phone number'] }] }),
    });
    renderAt(<SendTestLead businessId="b1" form={form} />);
    fireEvent.change(screen.getByRole('textbox', { name: "Lead's phone" }), { target: { value: '+44 20 7946 0000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send a test lead' }));
    expect(await screen.findByText('enter a valid US or Canadian phone number')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: "Lead's phone" }).getAttribute('aria-invalid')).toBe('true');
  });
});
