import type { LeadForm } from '@beaker/contracts';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { businessOverview } from '../../../test/business';
import { jsonResponse, renderRoutes } from '../../../test/render';
import { BusinessLayout } from '../../dashboard/components/business-layout';
import { FormEditorPage } from './form-editor-page';
import { FormsPage } from './forms-page';

const business = businessOverview();

const form: LeadForm = {
  id: 'f1',
  businessId: 'b1',
  name: 'Quote form',
  fields: { email: { enabled: true, required: false }, message: { enabled: true, required: false }, custom: [] },
  consentText: 'I agree to be called.',
  consentVersion: 1,
  allowedOrigins: ['https://www.coolair.example'],
  autoCall: true,
  thankYouMessage: 'Thanks!',
  embedSnippet: '<script src="http://localhost/embed/v1.js" data-form="f1" async></script>',
  createdAt: '2026-02-01T00:00:00.000Z',
  updatedAt: '2026-02-01T00:00:00.000Z',
};

const notFound = { type: 'about:blank', title: 'Not Found', status: 404, code: 'NOT_FOUND' };

afterEach(() => vi.unstubAllGlobals());

function renderEditor(sandbox: boolean) {
  const fetchMock = stubApi({
    'GET /v1/businesses/b1/overview': () => jsonResponse(200, business),
    'GET /v1/businesses/b1/forms/f1': () => jsonResponse(200, form),
    'GET /v1/businesses/b1/forms': () => jsonResponse(200, { items: [], nextCursor: null }),
    'DELETE /v1/businesses/b1/forms/f1': () => jsonResponse(204, null),
    'GET /v1/sandbox/messages': () => (sandbox ? jsonResponse(200, { items: [], nextCursor: null }) : jsonResponse(404, notFound)),
  });
  const view = renderRoutes(
    [
      {
        path: '/app/businesses/:businessId',
        element: <BusinessLayout />,
        children: [
          { path: 'forms', element: <FormsPage /> },
          { path: 'forms/:formId', element: <FormEditorPage /> },
        ],
      },
    ],
    '/app/businesses/b1/forms/f1',
  );
  return { ...view, fetchMock };
}

describe('a saved form’s page', () => {
  it('offers a test lead in sandbox mode only', async () => {
    renderEditor(true);
    expect(await screen.findByRole('heading', { level: 1, name: 'Quote form' })).toBeTruthy();
    expect(await screen.findByRole('heading', { level: 2, name: /Send a test lead/ })).toBeTruthy();
  });

  it('has no test lead in live mode', async () => {
    const { fetchMock } = renderEditor(false);
    expect(await screen.findByRole('heading', { level: 1, name: 'Quote form' })).toBeTruthy();
    await waitFor(() => expect(fetchMock.mock.calls.some(([url]) => String(url).startsWith('/v1/sandbox/messages'))).toBe(true));
    expect(screen.queryByRole('heading', { level: 2, name: /Send a test lead/ })).toBeNull();
  });

  it('asks before deleting, says what deleting does, and returns to the forms', async () => {
    const { fetchMock, router } = renderEditor(false);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete this form' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete “Quote form”?' });
    expect(dialog.textContent).toContain('Its embed code stops working at once');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Keep it' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'DELETE')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Delete this form' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete form' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/app/businesses/b1/forms'));
    expect(await screen.findByText('No forms yet')).toBeTruthy();
  });
});
