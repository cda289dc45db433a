import { describe, expect, it } from 'vitest';
import { toApiFilters } from './call-filters';

describe('call filters', () => {
  it('turns whole days in the viewer’s zone into an instant range, the end day included', () => {
    const filters = toApiFilters({ direction: 'inbound', status: 'completed', fromDate: '2026-02-01', toDate: '2026-02-03' });
    expect(filters.direction).toBe('inbound');
    expect(filters.status).toBe('completed');
    expect(filters.from).toBe(new Date(2026, 1, 1).toISOString());
    expect(filters.to).toBe(new Date(2026, 1, 4).toISOString());
  });

  it('leaves out what is empty or not a known value', () => {
    expect(toApiFilters({ direction: 'sideways', status: '', fromDate: 'yesterday', toDate: '' })).toEqual({
      direction: undefined,
      status: undefined,
      from: undefined,
      to: undefined,
    });
  });
});
