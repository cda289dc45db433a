import type { Lead } from '@beaker/contracts';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LeadTimeline } from './lead-timeline';

const lead = {
  id: 'l1',
  timeline: [
    { at: '2026-02-06T22:00:00.000Z', kind: 'submission', source: 'form', formId: 'f1', pageUrl: 'https://www.coolair.example/quote' },
    { at: '2026-02-06T22:00:00.001Z', kind: 'consent', consentId: 'c1', method: 'web_form', version: '2' },
    { at: '2026-02-06T22:00:00.002Z', kind: 'status', status: 'new', reason: null },
    {
      at: '2026-02-06T22:00:00.050Z',
      kind: 'decision',
      decisionId: 'd1',
      decision: 'defer',
      reasons: [{ rule: 'federal.calling_hours', detail: 'Fri 2026-02-06 22:00 on America/New_York is outside 08:00–21:00' }],
      nextAllowedAt: '2026-02-07T13:00:00.000Z',
    },
    { at: '2026-02-06T22:00:00.060Z', kind: 'status', status: 'deferred', reason: 'federal.calling_hours' },
    { at: '2026-02-06T22:00:01.000Z', kind: 'notified', recipients: 2 },
    { at: '2026-02-07T13:00:00.100Z', kind: 'decision', decisionId: 'd2', decision: 'allow', reasons: [], nextAllowedAt: null },
    { at: '2026-02-07T13:00:00.200Z', kind: 'call', callId: 'call-1', attempt: 1, status: 'failed', endedReason: 'customer-did-not-answer' },
    { at: '2026-02-08T13:00:00.200Z', kind: 'decision', decisionId: 'd3', decision: 'block', reasons: [{ rule: 'dnc.business', detail: "the number is on the business's do-not-call list" }], nextAllowedAt: null },
  ],
} as unknown as Lead;

describe('the lead’s timeline', () => {
  it('tells each event in words, oldest first, with the reasons of every decision', () => {
    render(<LeadTimeline lead={lead} />);
    const items = within(screen.getByRole('list', { name: 'Timeline' })).getAllByRole('listitem').filter((li) => li.classList.contains('timeline__item'));
    expect(items.map((li) => li.querySelector('.timeline__title')?.textContent)).toEqual([
      'Submitted the web form',
      'Consent recorded (web form, text version 2)',
      'Status: New',
      expect.stringMatching(/^Compliance check: not now, next allowed /),
      'Status: Deferred',
      'Emailed 2 people about this lead',
      'Compliance check: allowed to call',
      'Call attempt 1: Not connected',
      'Compliance check: never call',
    ]);
    expect(items[0].textContent).toContain('On https://www.coolair.example/quote');
    expect(items[3].textContent).toContain("Outside calling hours (8 am–9 pm at the lead's location)");
    expect(items[3].textContent).toContain('Fri 2026-02-06 22:00 on America/New_York is outside 08:00–21:00');
    expect(items[7].textContent).toContain('The call ended: customer did not answer');
    expect(within(items[7]).getByRole('link', { name: 'See the call' }).getAttribute('href')).toBe('#call-call-1');
    expect(items[8].textContent).toContain('The number is on your do-not-call list');
    expect(items[0].querySelector('time')?.getAttribute('datetime')).toBe('2026-02-06T22:00:00.000Z');
  });

  it('says when nothing has happened yet', () => {
    render(<LeadTimeline lead={{ ...lead, timeline: [] }} />);
    expect(screen.getByText('Nothing has happened yet.')).toBeTruthy();
  });
});
