import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { signedInAs } from '../../../test/session';
import { jsonResponse, renderRoutes } from '../../../test/render';
import { GoLivePage } from './go-live-page';

afterEach(() => vi.unstubAllGlobals());

const trial = { id: 't1', businessName: 'Cool Air', status: 'active' };

describe('go live', () => {
  it("opens a checkout for the chosen plan and the trial, and follows Stripe's URL", async () => {
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    const api = stubApi({
      'GET /v1/trials/t1': () => jsonResponse(200, trial),
      'GET /v1/auth/session': signedInAs(),
      'POST /v1/billing/checkout-sessions': () => jsonResponse(201, { id: 'cs_1', url: 'http://localhost/sandbox/checkout/cs_1' }),
    });
    renderRoutes([{ path: '/go-live', element: <GoLivePage /> }], '/go-live?trialId=t1');
    expect(await screen.findByRole('heading', { level: 1, name: "Put Cool Air's agent on your phone line" })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: /Pro/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Continue to payment' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('http://localhost/sandbox/checkout/cs_1'));
    const post = api.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({ plan: 'pro', trialId: 't1' });
  });

  it('says so when the trial already went live', async () => {
    stubApi({
      'GET /v1/trials/t1': () => jsonResponse(200, trial),
      'GET /v1/auth/session': signedInAs(),
      'POST /v1/billing/checkout-sessions': () => jsonResponse(409, { type: 'about:blank', title: 'x', status: 409, code: 'BILLING.TRIAL_CONVERTED' }),
    });
    renderRoutes([{ path: '/go-live', element: <GoLivePage /> }], '/go-live?trialId=t1');
    fireEvent.click(await screen.findByRole('button', { name: 'Continue to payment' }));
    expect(await screen.findByText(/This trial already went live/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open your dashboard' })).toBeTruthy();
  });

  it('a trial session (email not proven yet) is asked to open the emailed link before paying', async () => {
    stubApi({
      'GET /v1/trials/t1': () => jsonResponse(200, trial),
      'GET /v1/auth/session': signedInAs({ trialSessionFor: 't1' }),
    });
    renderRoutes([{ path: '/go-live', element: <GoLivePage /> }], '/go-live?trialId=t1');
    expect((await screen.findByRole('note')).textContent).toContain('open the link we sent to dana@coolair.example');
    expect((screen.getByRole('button', { name: 'Continue to payment' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByText(/Pay once/)).toBeNull();
  });
});
