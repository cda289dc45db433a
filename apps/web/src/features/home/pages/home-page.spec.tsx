import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { signedInAs } from '../../../test/session';
import { jsonResponse, renderRoutes } from '../../../test/render';
import { HomePage } from './home-page';

afterEach(() => vi.unstubAllGlobals());

const trial = (over: Record<string, unknown>) => ({
  id: 't1',
  status: 'active',
  industry: 'hvac',
  businessName: 'Cool Air',
  scenario: 'lead_intake',
  phone: '+14155550123',
  phoneVerified: true,
  callsUsed: 1,
  callsLimit: 3,
  expiresAt: new Date(Date.now() + 30 * 3_600_000).toISOString(),
  createdAt: '2026-03-10T15:00:00.000Z',
  assistant: null,
  latestCallId: 'c1',
  ...over,
});

describe('the account page', () => {
  it("lists the person's trials with calls and time left, the latest report, and Go live for a used-up one", async () => {
    stubApi({
      'GET /v1/auth/session': signedInAs(),
      'GET /v1/trials': () =>
        jsonResponse(200, {
          items: [trial({}), trial({ id: 't2', businessName: 'Bright Smiles', callsUsed: 3, latestCallId: 'c9' })],
          nextCursor: null,
        }),
    });
    renderRoutes([{ path: '/app', element: <HomePage /> }], '/app');
    expect(await screen.findByRole('heading', { name: 'Your trials' })).toBeTruthy();
    const [open, usedUp] = screen.getAllByRole('listitem').filter((li) => li.querySelector('.trial-allowance'));
    expect(open.textContent).toContain('2 of 3');
    expect(open.textContent).toMatch(/(29|30) h/);
    expect(open.querySelector('a[href="/try/t1/calls/c1"]')?.textContent).toBe('Latest call report');
    expect(open.querySelector('a[href="/try/t1"].btn')?.textContent).toBe('Continue this trial');
    expect(usedUp.textContent).toContain('0 of 3');
    expect(usedUp.querySelector('a[href="/go-live?trialId=t2"]')?.textContent).toBe('Go live');
    expect(usedUp.querySelector('a[href="/try/t2/calls/c9"]')).toBeTruthy();
  });
});
