import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('safeNext', () => {
  it('keeps paths inside the app', () => {
    expect(safeNext('/try')).toBe('/try');
    expect(safeNext('/app?tab=calls#top')).toBe('/app?tab=calls#top');
  });

  it.each(['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', null, undefined])(
    'refuses %s and falls back to the home',
    (next) => {
      expect(safeNext(next)).toBe('/app');
    },
  );

  it('never sends a freshly signed-in person back into the sign-in screens', () => {
    expect(safeNext('/sign-in?next=/app')).toBe('/app');
    expect(safeNext('/auth/verify?token=x')).toBe('/app');
  });
});
