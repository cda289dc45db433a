import type { LeadForm } from '@beaker/contracts';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { businessOverview } from '../../../test/business';
import { jsonResponse, renderRoutes } from '../../../test/render';
import { BusinessLayout } from '../../dashboard/components/business-layout';
import { FormsPage } from './forms-page';

const business = businessOverview();

const form = (id: string, name: string): LeadForm => ({
  id,
  businessId: 'b1',
  name,
  fields: { email: { enabled: true, required: false }, message: { enabled: false, required: false }, custom: [] },
  consentText: 'I agree to be called.',
  consentVersion: 1,
  allowedOrigins: ['https://www.coolair.example'],
  autoCall: true,
  thankYouMessage: 'Thanks!',
  embedSnippet: `<script src="http://localhost/embed/v1.js" data-form="${id}" async></script>`,
  createdAt: '2026-02-01T00:00:00.000Z',
  updatedAt: '2026-02-01T00:00:00.000Z',
});

afterEach(() => vi.unstubAllGlobals());

const urlOf = (input: unknown): URL => new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : (input as Request).url, 'http://localhost');

function renderForms(pages: { items: LeadForm[]; nextCursor: string | null }[]) {
  let served = 0;
  const fetchMock = stubApi({
    'GET /v1/businesses/b1/overview': () => jsonResponse(200, business),
    'GET /v1/businesses/b1/forms': () => jsonResponse(200, pages[served++] ?? { items: [], nextCursor: null }),
  });
  renderRoutes([{ path: '/app/businesses/:businessId', element: <BusinessLayout />, children: [{ path: 'forms', element: <FormsPage /> }] }], '/app/businesses/b1/forms');
  const formRequests = () => fetchMock.mock.calls.map(([input]) => urlOf(input)).filter((u) => u.pathname === '/v1/businesses/b1/forms');
  return { fetchMock, formRequests };
}

describe('the forms page', () => {
  it('lists the first page of forms (100 a page) and offers no "Load more" when it is the only one', async () => {
    const { formRequests } = renderForms([{ items: [form('f2', 'Contact'), form('f1', 'Quote form')], nextCursor: null }]);
    expect(await screen.findByRole('link', { name: 'Contact' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Quote form' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more forms' })).toBeNull();
    expect(formRequests()[0]?.searchParams.get('limit')).toBe('100');
    expect(formRequests()[0]?.searchParams.has('cursor')).toBe(false);
  });

  it('loads the next page with the cursor and appends it', async () => {
    const { formRequests } = renderForms([
      { items: [form('f2', 'Contact')], nextCursor: 'c1' },
      { items: [form('f1', 'Quote form')], nextCursor: null },
    ]);
    expect(await screen.findByRole('link', { name: 'Contact' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Quote form' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Load more forms' }));
    expect(await screen.findByRole('link', { name: 'Quote form' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Contact' })).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Load more forms' })).toBeNull());
    expect(formRequests()[1]?.searchParams.get('cursor')).toBe('c1');
    expect(formRequests()[1]?.searchParams.get('limit')).toBe('100');
  });

  it('says so when there is no form yet', async () => {
    renderForms([{ items: [], nextCursor: null }]);
    expect(await screen.findByText('No forms yet')).toBeTruthy();
  });
});
