import { InvalidCursor } from '../errors/common.errors';
import { decodeCursor, encodeCursor } from './pagination';

const ID = '6f1c1a2e-0000-4000-8000-000000000001';
const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('cursors', () => {
  it('give back the position they were made from (milliseconds from a Date, microseconds from PostgreSQL)', () => {
    for (const at of ['2026-03-10T15:00:00.123Z', '2026-03-10T15:00:00.123456Z', '2026-12-31T23:59:59Z']) {
      expect(decodeCursor(encodeCursor({ at, id: ID }))).toEqual({ at, id: ID });
    }
  });

  // Each of these passed the old check (Date.parse and /[0-9a-f-]{36}/) and PostgreSQL refused it: a 500.
  it.each([
    ['a day that does not exist', ['2026-02-30T00:00:00Z', ID]],
    ['a year PostgreSQL cannot take', ['-271821-04-20T00:00:00Z', ID]],
    ['a year past 9999', ['+99999-01-01T00:00:00Z', ID]],
    ['a bare year', ['2026', ID]],
    ['a date without a time', ['2026-01-01', ID]],
    ['a local time', ['2026-01-01T00:00:00', ID]],
    ['a NUL', ['2026-01-01T00:00:00Z\u0000', ID]],
    ['an id of dashes', ['2026-01-01T00:00:00Z', '-'.repeat(36)]],
    ['a third element', ['2026-01-01T00:00:00Z', ID, 1]],
    ['numbers', [1, 2]],
    ['an object', { at: '2026-01-01T00:00:00Z', id: ID }],
  ])('refuse %s', (_, position) => {
    expect(() => decodeCursor(raw(position))).toThrow(InvalidCursor);
  });

  it('refuse what is not base64url JSON', () => {
    for (const cursor of ['', '!!!', 'x', 'A'.repeat(5000)]) expect(() => decodeCursor(cursor)).toThrow(InvalidCursor);
  });
});
