import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { exportConsentsCsv } from './settings-api';

afterEach(() => vi.unstubAllGlobals());

describe('exportConsentsCsv', () => {
  it('reads every page through X-Next-Cursor and keeps one header line', async () => {
    const pages = [
      { body: 'id,phone\r\na,+14155550123\r\n', next: 'c1' },
      { body: 'id,phone\r\nb,+14155550124\r\n', next: null },
    ];
    let served = 0;
    const fetchMock = stubApi({
      'GET /v1/businesses/b1/consents': () => {
        const page = pages[served++];
        return new Response(page.body, { status: 200, headers: { 'content-type': 'text/csv', ...(page.next ? { 'x-next-cursor': page.next } : {}) } });
      },
    });
    expect(await exportConsentsCsv('b1', undefined)).toBe('id,phone\r\na,+14155550123\r\nb,+14155550124\r\n');
    const urls = fetchMock.mock.calls.map(([input]) => new URL(String(input), 'http://localhost'));
    expect(urls.map((u) => u.searchParams.get('format'))).toEqual(['csv', 'csv']);
    expect(urls[1].searchParams.get('cursor')).toBe('c1');
  });
});
