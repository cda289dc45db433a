import { bestMatches, escapeLike, MATCH, parseSearchTerms, phoneFromQuery } from './search-terms';

describe('staff search terms', () => {
  it.each([
    ['(773) 555-0100', '+17735550100'],
    ['7735550100', '+17735550100'],
    ['+17735550100', '+17735550100'],
    ['1 773 555 0100', '+17735550100'],
    ['773.555.0100', '+17735550100'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('reads %s as the phone number %s', (typed, e164) => {
    expect(phoneFromQuery(typed)).toBe(e164);
  });

  it.each(['555-0100', 'cus_123', 'owner@example.com', '0123456789', '+0123456789', '12', '2026-12-06'])('does not take %s for a phone number', (typed) => {
    expect(phoneFromQuery(typed)).toBeNull();
  });

  it('recognises ids, keeps the text as typed for exact keys and lower-cases it for names', () => {
    const terms = parseSearchTerms('  5F0C7A2E-1B2C-4D3E-8F9A-0B1C2D3E4F5A ', 10);
    expect(terms.uuid).toBe('5f0c7a2e-1b2c-4d3e-8f9a-0b1c2d3e4f5a');
    expect(terms.raw).toBe('5F0C7A2E-1B2C-4D3E-8F9A-0B1C2D3E4F5A');
    expect(parseSearchTerms('Acme HVAC', 10)).toMatchObject({ raw: 'Acme HVAC', lower: 'acme hvac', uuid: null, phone: null, partial: true });
    expect(parseSearchTerms('ab', 10).partial).toBe(false);
    for (const key of ['cus_NffrFeUfNV2Hib', 'sub_1MowQVLkdIwHu7ix', 'evt_1NG8Du2eZvKYlo2C', `CA${'a1'.repeat(16)}`]) expect(parseSearchTerms(key, 10).partial).toBe(false);
    for (const text of ['john_doe', 'cool air', 'dana.owner']) expect(parseSearchTerms(text, 10).partial).toBe(true);
  });

  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
  });

  it('lists a thing found by two keys once, with its best rank', () => {
    const hit = { kind: 'user' as const, id: 'u1', title: 'a@b.c', subtitle: '', url: '/admin/users/u1' };
    expect(bestMatches([{ ...hit, rank: MATCH.partial }, { ...hit, rank: MATCH.exact }])).toEqual([{ ...hit, rank: MATCH.exact }]);
  });
});
