import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { businessOverview } from '../../../test/business';
import { stubApi } from '../../../test/fetch-router';
import { jsonResponse, renderRoutes } from '../../../test/render';
import { BusinessLayout } from '../../dashboard/components/business-layout';
import { SettingsLayout } from '../../settings/components/settings-layout';
import { NotificationsPage } from '../../settings/pages/notifications-page';
import { WeeklyReportUnsubscribePage } from './weekly-report-unsubscribe-page';

afterEach(() => vi.unstubAllGlobals());

const business = businessOverview({ yourRole: 'member' });

const TOKEN = 'A'.repeat(40) + 'xyz';

describe('the weekly report switch on the notifications page', () => {
  it("shows the person's own setting and saves it as it is switched", async () => {
    const puts: unknown[] = [];
    stubApi({
      'GET /v1/businesses/b1/overview': () => jsonResponse(200, business),
      'GET /v1/businesses/b1/lead-notifications': () => jsonResponse(200, { emailOnNewLead: false }),
      'GET /v1/businesses/b1/weekly-report-settings': () => jsonResponse(200, { weeklyReport: false }),
      'PUT /v1/businesses/b1/weekly-report-settings': (init) => {
        puts.push(JSON.parse(String(init.body)));
        return jsonResponse(200, JSON.parse(String(init.body)));
      },
    });
    renderRoutes(
      [
        {
          path: '/app/businesses/:businessId',
          element: <BusinessLayout />,
          children: [{ path: 'settings', element: <SettingsLayout />, children: [{ path: 'notifications', element: <NotificationsPage /> }] }],
        },
      ],
      '/app/businesses/b1/settings/notifications',
    );
    const toggle = (await screen.findByRole('switch', { name: 'Email me the weekly report' })) as HTMLInputElement;
    await waitFor(() => expect(toggle.disabled).toBe(false));
    expect(toggle.checked).toBe(false);
    fireEvent.click(toggle);
    expect(await screen.findByText('Saved: you get the weekly report.')).toBeTruthy();
    expect(puts).toEqual([{ weeklyReport: true }]);
    expect(toggle.checked).toBe(true);
  });
});

describe('the unsubscribe page', () => {
  const render = (path: string) => renderRoutes([{ path: '/unsubscribe/weekly-report', element: <WeeklyReportUnsubscribePage /> }], path);

  it('opening the link only asks; the button unsubscribes', async () => {
    const posts: unknown[] = [];
    stubApi({
      'GET /v1/weekly-report/unsubscribe': () => jsonResponse(200, { businessName: 'Cool Air HVAC', email: 'd***a@coolair.example', subscribed: true }),
      'POST /v1/weekly-report/unsubscribe': (init) => {
        posts.push(JSON.parse(String(init.body)));
        return jsonResponse(200, { businessName: 'Cool Air HVAC', subscribed: false });
      },
    });
    render(`/unsubscribe/weekly-report?token=${TOKEN}`);
    expect((await screen.findByText(/Stop the weekly report of/)).textContent).toContain('d***a@coolair.example');
    expect(posts).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Unsubscribe' }));
    expect((await screen.findByRole('status')).textContent).toBe('Done: d***a@coolair.example no longer gets the weekly report of Cool Air HVAC.');
    expect(posts).toEqual([{ token: TOKEN }]);
  });

  it('says so when the link is not valid, or has no token', async () => {
    stubApi({
      'GET /v1/weekly-report/unsubscribe': () =>
        new Response(JSON.stringify({ type: 'about:blank', title: 'This unsubscribe link is not valid', status: 400, code: 'ANALYTICS.UNSUBSCRIBE_LINK_INVALID' }), {
          status: 400,
          headers: { 'content-type': 'application/problem+json' },
        }),
    });
    const first = render(`/unsubscribe/weekly-report?token=${TOKEN}`);
    expect((await screen.findByRole('alert')).textContent).toContain('This unsubscribe link is not valid');
    expect(screen.queryByRole('button', { name: 'Unsubscribe' })).toBeNull();
    first.unmount();
    render('/unsubscribe/weekly-report');
    expect((await screen.findByRole('alert')).textContent).toContain('This unsubscribe link is not valid');
  });
});
