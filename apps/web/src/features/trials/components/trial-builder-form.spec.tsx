import { fireEvent, screen, waitFor } from '@testing-library/react';
import { TRIAL_START_BUTTON_TEXT, TRIAL_START_CONSENT_TEXT } from '@beaker/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { jsonResponse, renderRoutes } from '../../../test/render';
import { TrialBuilderForm, validateTrial } from './trial-builder-form';

afterEach(() => vi.unstubAllGlobals());

const trial = {
  id: 't1',
  status: 'pending',
  industry: 'dental',
  businessName: 'Bright Smiles',
  scenario: 'scheduling',
  phone: '+14155550123',
  phoneVerified: false,
  callsUsed: 0,
  callsLimit: 3,
  expiresAt: '2026-03-12T15:00:00.000Z',
  createdAt: '2026-03-10T15:00:00.000Z',
  assistant: null,
  latestCallId: null,
};

function renderForm(onCreated = vi.fn(), { askEmail = false, initialIndustry = null as 'hvac' | null } = {}) {
  renderRoutes([{ path: '/try', element: <TrialBuilderForm onCreated={onCreated} askEmail={askEmail} initialIndustry={initialIndustry} /> }], '/try');
  return onCreated;
}

describe('trial builder', () => {
  it('checks every field before calling the API, and puts the focus on the first problem', async () => {
    const fetchMock = stubApi({});
    renderForm();
    // The default scenario is chosen for them.
    expect((screen.getByRole('radio', { name: /Take a new lead/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: TRIAL_START_BUTTON_TEXT }));
    expect(await screen.findByText('Choose your industry.')).toBeTruthy();
    expect(screen.getByText('Enter the name of your business.')).toBeTruthy();
    expect(screen.getByText('Enter the phone number the agent should call.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: /HVAC/ }));
    expect(screen.getByLabelText('Business name').getAttribute('aria-invalid')).toBe('true');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('sends the trial and hands back the created one', async () => {
    let sent: unknown;
    stubApi({
      'POST /v1/trials': (init) => {
        sent = JSON.parse(String(init.body));
        return jsonResponse(201, trial);
      },
    });
    const onCreated = renderForm();
    fireEvent.click(screen.getByRole('radio', { name: /Dental office/ }));
    fireEvent.change(screen.getByLabelText('Business name'), { target: { value: '  Bright Smiles ' } });
    fireEvent.click(screen.getByRole('radio', { name: /Book an appointment/ }));
    fireEvent.change(screen.getByLabelText('Your mobile number'), { target: { value: '(415) 555-0123' } });
    fireEvent.click(screen.getByRole('button', { name: TRIAL_START_BUTTON_TEXT }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(trial));
    expect(sent).toEqual({ industry: 'dental', businessName: 'Bright Smiles', scenario: 'scheduling', phone: '(415) 555-0123' });
  });

  it("shows the API's phone refusal on the phone field, and the limits as a banner", async () => {
    const answers = [
      jsonResponse(400, { type: 'about:blank', title: 'Bad phone', status: 400, code: 'TRIALS.INVALID_PHONE', detail: 'Enter a US or Canadian phone number, like (415) 555-0123' }),
      jsonResponse(409, { type: 'about:blank', title: 'Limit', status: 409, code: 'TRIALS.PHONE_LIMIT' }),
    ];
    stubApi({ 'POST /v1/trials': () => answers.shift()! });
    renderForm();
    fireEvent.click(screen.getByRole('radio', { name: /HVAC/ }));
    fireEvent.change(screen.getByLabelText('Business name'), { target: { value: 'Cool Air' } });
    fireEvent.change(screen.getByLabelText('Your mobile number'), { target: { value: '(900) 555-0100' } });
    fireEvent.click(screen.getByRole('button', { name: TRIAL_START_BUTTON_TEXT }));
    expect(await screen.findByText('Enter a US or Canadian phone number, like (415) 555-0123')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Your mobile number'));

    fireEvent.change(screen.getByLabelText('Your mobile number'), { target: { value: '(415) 555-0123' } });
    fireEvent.click(screen.getByRole('button', { name: TRIAL_START_BUTTON_TEXT }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/already had its free trials/);
  });

  it('signed out: the industry from the landing card, name, phone and email, one button whose words are the consent', async () => {
    let sent: unknown;
    stubApi({
      'POST /v1/trials/start': (init) => {
        sent = JSON.parse(String(init.body));
        return jsonResponse(201, trial);
      },
    });
    const onCreated = renderForm(vi.fn(), { askEmail: true, initialIndustry: 'hvac' });
    expect((screen.getByRole('radio', { name: /HVAC/ }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText(TRIAL_START_CONSENT_TEXT)).toBeTruthy();
    expect(TRIAL_START_CONSENT_TEXT).toContain(`“${TRIAL_START_BUTTON_TEXT}”`);
    fireEvent.change(screen.getByLabelText('Business name'), { target: { value: 'Cool Air' } });
    fireEvent.change(screen.getByLabelText('Your mobile number'), { target: { value: '(415) 555-0123' } });
    fireEvent.click(screen.getByRole('button', { name: TRIAL_START_BUTTON_TEXT }));
    expect(await screen.findByText('Enter your email address: we send your report there.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Your email'));

    fireEvent.change(screen.getByLabelText('Your email'), { target: { value: ' dana@coolair.example ' } });
    fireEvent.click(screen.getByRole('button', { name: TRIAL_START_BUTTON_TEXT }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(trial));
    expect(sent).toEqual({ industry: 'hvac', businessName: 'Cool Air', scenario: 'lead_intake', phone: '(415) 555-0123', email: 'dana@coolair.example' });
  });

  it('signed out: a throwaway email is refused at the email field, not as a banner', async () => {
    stubApi({ 'POST /v1/trials/start': () => jsonResponse(403, { type: 'about:blank', title: 'Disposable', status: 403, code: 'TRIALS.DISPOSABLE_EMAIL' }) });
    renderForm(vi.fn(), { askEmail: true, initialIndustry: 'hvac' });
    fireEvent.change(screen.getByLabelText('Business name'), { target: { value: 'Cool Air' } });
    fireEvent.change(screen.getByLabelText('Your mobile number'), { target: { value: '(415) 555-0123' } });
    fireEvent.change(screen.getByLabelText('Your email'), { target: { value: 'x@mailinator.com' } });
    fireEvent.click(screen.getByRole('button', { name: TRIAL_START_BUTTON_TEXT }));
    expect(await screen.findByText(/throwaway addresses cannot start a trial/)).toBeTruthy();
    expect(screen.getByLabelText('Your email').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('Your email'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('accepts 10 digits, or 11 starting with 1, in any punctuation', () => {
    const base = { industry: 'gym' as const, businessName: 'Iron Gym', scenario: 'faq' as const };
    expect(validateTrial({ ...base, phone: '415.555.0123' })).toEqual({});
    expect(validateTrial({ ...base, phone: '+1 (415) 555-0123' })).toEqual({});
    expect(validateTrial({ ...base, phone: '555-0123' }).phone).toMatch(/US or Canadian/);
    expect(validateTrial({ ...base, phone: '+44 20 7123 4567' }).phone).toMatch(/US or Canadian/);
  });
});
