import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { jsonResponse, renderRoutes } from '../../../test/render';
import { VerifyPhoneStep } from './verify-phone-step';

afterEach(() => vi.unstubAllGlobals());

const trial = {
  id: 't1',
  status: 'pending',
  industry: 'hvac',
  businessName: 'Cool Air',
  scenario: 'lead_intake',
  phone: '+14155550123',
  phoneVerified: false,
  callsUsed: 0,
  callsLimit: 3,
  expiresAt: '2099-03-12T15:00:00.000Z',
  createdAt: '2026-03-10T15:00:00.000Z',
  assistant: null,
  latestCallId: null,
} as const;

const notSandbox = () => jsonResponse(404, { type: 'about:blank', title: 'Not found', status: 404, code: 'NOT_FOUND' });
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

function renderStep(onVerified = vi.fn()) {
  renderRoutes([{ path: '/try/t1', element: <VerifyPhoneStep trial={trial} onVerified={onVerified} /> }], '/try/t1');
  return onVerified;
}

describe('verify your phone', () => {
  it('after a reload during the lock: the field, Verify and "Send a new code" are disabled, it says when the lock ends, and no code is texted', async () => {
    const fetchMock = stubApi({
      'GET /v1/trials/t1/verification': () =>
        jsonResponse(200, { sentTo: trial.phone, codeSentAt: inMinutes(-5), expiresAt: inMinutes(5), resendAvailableAt: inMinutes(42), attemptsLeft: 0, lockedUntil: inMinutes(42) }),
      'GET /v1/sandbox/messages': notSandbox,
    });
    renderStep();
    expect((await screen.findByTestId('verification-locked')).textContent).toMatch(/locked until .+ \(in 4[23] min\)/);
    expect((screen.getByLabelText('Verification code') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Verify my phone' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Send a new code' }) as HTMLButtonElement).disabled).toBe(true);
    expect(fetchMock.mock.calls.some(([, init]) => (init as RequestInit | undefined)?.method === 'POST')).toBe(false);
  });

  it('the 5th wrong code locks the page the same way, without a reload', async () => {
    stubApi({
      'GET /v1/trials/t1/verification': () => jsonResponse(200, { sentTo: trial.phone, codeSentAt: null, expiresAt: null, resendAvailableAt: null, attemptsLeft: 5, lockedUntil: null }),
      'POST /v1/trials/t1/verification': () => jsonResponse(202, { sentTo: trial.phone, expiresAt: inMinutes(10), resendAvailableAt: inMinutes(0.5), attemptsLeft: 5 }),
      'POST /v1/trials/t1/verification/confirm': () =>
        jsonResponse(429, { type: 'about:blank', title: 'Locked', status: 429, code: 'TRIALS.VERIFICATION_LOCKED', retryAfterSeconds: 3600, attemptsLeft: 0 }),
      'GET /v1/sandbox/messages': notSandbox,
    });
    const onVerified = renderStep();
    await screen.findByText(/We texted a 6-digit code/);
    fireEvent.change(screen.getByLabelText('Verification code'), { target: { value: '123456' } });
    expect((await screen.findByTestId('verification-locked')).textContent).toMatch(/\(in 6[01] min\)/);
    expect((screen.getByLabelText('Verification code') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Verify my phone' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Send a new code' }) as HTMLButtonElement).disabled).toBe(true);
    expect(onVerified).not.toHaveBeenCalled();
  });

  it('a reload with a code still pending texts nothing; the 6th digit sends the code and the call follows', async () => {
    const fetchMock = stubApi({
      'GET /v1/trials/t1/verification': () =>
        jsonResponse(200, { sentTo: trial.phone, codeSentAt: inMinutes(-0.2), expiresAt: inMinutes(9), resendAvailableAt: inMinutes(0.3), attemptsLeft: 5, lockedUntil: null }),
      'POST /v1/trials/t1/verification/confirm': () => jsonResponse(200, { ...trial, status: 'active', phoneVerified: true }),
      'GET /v1/sandbox/messages': notSandbox,
    });
    const onVerified = renderStep();
    await screen.findByText(/We texted a 6-digit code/);
    expect(screen.getByRole('button', { name: /Send a new code in \d+ s/ })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Verification code'), { target: { value: '12345' } });
    expect(onVerified).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('Verification code'), { target: { value: '123456' } });
    await waitFor(() => expect(onVerified).toHaveBeenCalledTimes(1));
    const texted = fetchMock.mock.calls.filter(([url, init]) => String(url).endsWith('/v1/trials/t1/verification') && (init as RequestInit | undefined)?.method === 'POST');
    expect(texted).toHaveLength(0);
  });
});
