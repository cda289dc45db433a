import type { CallReport } from '@beaker/contracts';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatPhone } from './call-format';
import { CallReportView } from './call-report-view';

const report: CallReport = {
  id: 'c1',
  status: 'completed',
  direction: 'outbound_trial',
  to: '+14155550123',
  trialId: 't1',
  businessId: null,
  createdAt: '2026-03-10T15:00:00.000Z',
  startedAt: '2026-03-10T15:00:05.000Z',
  endedAt: '2026-03-10T15:01:15.000Z',
  durationSeconds: 70,
  endedReason: 'customer-ended-call',
  transcript: [
    { speaker: 'assistant', text: 'Hi, this is Max from Cool Air.', at: 0.6 },
    { speaker: 'caller', text: 'My AC is blowing warm air.', at: 4.2 },
  ],
  recordingUrl: 'http://localhost/sandbox-assets/recordings/c1.wav',
  summary: 'Jordan needs an AC repair today.',
  lead: { name: 'Jordan Lee', phone: '+14155550123', email: 'jordan@example.com', intent: 'AC repair', urgency: 'high' },
  cost: { total: 0.1432, byProvider: { vapi: 0.058, transport: 0.016 } },
};

describe('call report', () => {
  it('shows the conversation, the recording, the summary, the lead and what the call cost', () => {
    render(<CallReportView call={report} agentName="Max" />);
    const transcript = screen.getByRole('list', { name: 'Transcript' });
    const turns = within(transcript).getAllByRole('listitem');
    expect(turns.map((t) => t.className)).toEqual(['bubble bubble--agent', 'bubble bubble--caller']);
    expect(turns[0].textContent).toContain('Max');
    expect(turns[1].textContent).toContain('You');
    expect(turns[1].textContent).toContain('0:04');
    expect(document.querySelector('audio')?.getAttribute('src')).toBe(report.recordingUrl);
    expect(screen.getByText('Jordan needs an AC repair today.')).toBeTruthy();
    expect(screen.getByText('Jordan Lee')).toBeTruthy();
    expect(screen.getByText('(415) 555-0123')).toBeTruthy();
    expect(screen.getByText('Urgent')).toBeTruthy();
    expect(screen.getByText('1 min 10 s')).toBeTruthy();
    expect(screen.getByText('$0.143')).toBeTruthy();
    expect(screen.getByText('Voice platform')).toBeTruthy();
  });

  it('says so when there is no transcript, recording or lead', () => {
    render(<CallReportView call={{ ...report, transcript: [], recordingUrl: null, lead: null, summary: null, cost: { total: null, byProvider: {} } }} />);
    expect(screen.getByText('No one spoke on this call, so there is no transcript.')).toBeTruthy();
    expect(screen.getByText('There is no recording of this call.')).toBeTruthy();
    expect(screen.getByText('The agent did not capture contact details on this call.')).toBeTruthy();
  });

  // "Never moves a status back" (isForwardCallMove) is tested in libs/contracts/src/calls.spec.ts.
  it('formats clocks, durations and phones', () => {
    expect(formatClock(75)).toBe('1:15');
    expect(formatClock(3725)).toBe('1:02:05');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(120)).toBe('2 min');
    expect(formatPhone('+14155550123')).toBe('(415) 555-0123');
    expect(formatPhone('+442071234567')).toBe('+442071234567');
  });
});
