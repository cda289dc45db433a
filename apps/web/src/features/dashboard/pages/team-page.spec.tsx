import type { BusinessMemberView } from '@beaker/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { businessOverview } from '../../../test/business';
import { signedInAs } from '../../../test/session';
import { jsonResponse, renderRoutes } from '../../../test/render';
import { BusinessLayout } from '../components/business-layout';
import { TeamPage } from './team-page';

const business = businessOverview();

const member = (n: number, role: 'owner' | 'member' = 'member'): BusinessMemberView => ({
  userId: `00000000-0000-4000-8000-00000000000${n}`,
  email: `person${n}@coolair.example`,
  role,
  joinedAt: '2026-02-01T00:00:00.000Z',
});

afterEach(() => vi.unstubAllGlobals());

function renderTeam(pages: { items: BusinessMemberView[]; nextCursor: string | null }[]) {
  let served = 0;
  const fetchMock = stubApi({
    'GET /v1/businesses/b1/overview': () => jsonResponse(200, business),
    'GET /v1/auth/session': signedInAs({ id: member(1).userId, email: member(1).email }),
    'GET /v1/businesses/b1/members': () => jsonResponse(200, pages[served++] ?? { items: [], nextCursor: null }),
  });
  renderRoutes([{ path: '/app/businesses/:businessId', element: <BusinessLayout />, children: [{ path: 'team', element: <TeamPage /> }] }], '/app/businesses/b1/team');
  const memberRequests = () =>
    fetchMock.mock.calls.map(([input]) => new URL(String(input), 'http://localhost')).filter((u) => u.pathname === '/v1/businesses/b1/members');
  return { memberRequests };
}

describe('the team page', () => {
  it('lists the team a page at a time: "Load more members" asks with the cursor and adds the next page', async () => {
    const { memberRequests } = renderTeam([
      { items: [member(1, 'owner'), member(2)], nextCursor: 'c1' },
      { items: [member(3)], nextCursor: null },
    ]);
    const list = await screen.findByTestId('member-list');
    expect(await within(list).findByText('person2@coolair.example')).toBeTruthy();
    expect(within(list).queryByText('person3@coolair.example')).toBeNull();
    expect(memberRequests()[0]?.searchParams.get('limit')).toBe('100');
    fireEvent.click(screen.getByRole('button', { name: 'Load more members' }));
    expect(await within(list).findByText('person3@coolair.example')).toBeTruthy();
    expect(within(list).getByText('person1@coolair.example')).toBeTruthy();
    expect(memberRequests()[1]?.searchParams.get('cursor')).toBe('c1');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Load more members' })).toBeNull());
  });

  it('offers no "Load more" when the team fits on one page', async () => {
    renderTeam([{ items: [member(1, 'owner')], nextCursor: null }]);
    expect(await within(await screen.findByTestId('member-list')).findByText('person1@coolair.example')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more members' })).toBeNull();
  });
});
