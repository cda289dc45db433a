import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { jsonResponse, renderRoutes } from '../../../test/render';
import { TrialCallPage } from './trial-call-page';

/** A controllable stand-in for the browser's EventSource. */
class FakeEventSource {
  static instances: FakeEventSource[] = [];
  static readonly CLOSED = 2;
  readyState = 0;
  closed = false;
  onerror: (() => void) | null = null;
  private listeners = new Map<string, ((e: MessageEvent) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(type: string, fn: (e: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  emit(status: string) {
    for (const fn of this.listeners.get('status') ?? []) fn(new MessageEvent('status', { data: JSON.stringify({ callId: 'c1', status, endedReason: null, at: '' }) }));
  }
  fail() {
    this.readyState = FakeEventSource.CLOSED;
    this.onerror?.();
  }
  close() {
    this.closed = true;
  }
}

const trial = {
  id: 't1',
  status: 'active',
  industry: 'hvac',
  businessName: 'Cool Air',
  scenario: 'lead_intake',
  phone: '+14155550123',
  phoneVerified: true,
  callsUsed: 1,
  callsLimit: 3,
  expiresAt: new Date(Date.now() + 47 * 3600_000).toISOString(),
  createdAt: new Date().toISOString(),
  assistant: { name: 'Max', greeting: 'Hi' },
  latestCallId: 'c1',
};
const call = {
  id: 'c1',
  status: 'initiated',
  direction: 'outbound_trial',
  to: '+14155550123',
  trialId: 't1',
  businessId: null,
  createdAt: new Date().toISOString(),
  startedAt: null,
  endedAt: null,
  durationSeconds: null,
  endedReason: null,
  transcript: [],
  recordingUrl: null,
  summary: null,
  lead: null,
  cost: { total: null, byProvider: {} },
};

afterEach(() => {
  vi.unstubAllGlobals();
  FakeEventSource.instances = [];
});

function renderCallPage() {
  return renderRoutes([{ path: '/try/:trialId/calls/:callId', element: <TrialCallPage /> }], '/try/t1/calls/c1');
}

describe('the live call page', () => {
  it('follows the stream: ringing, on the call, then the report', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    let current: Record<string, unknown> = call;
    stubApi({ 'GET /v1/calls/c1': () => jsonResponse(200, current), 'GET /v1/trials/t1': () => jsonResponse(200, trial) });
    renderCallPage();
    expect((await screen.findByTestId('call-status')).textContent).toBe('Calling your phone…');
    const source = FakeEventSource.instances[0];
    expect(source.url).toBe('/v1/calls/c1/events');

    const status = () => screen.getByTestId('call-status').textContent;
    act(() => source.emit('ringing'));
    await waitFor(() => expect(status()).toBe('Ringing'));
    expect(screen.getByText('Pick up your phone at (415) 555-0123.')).toBeTruthy();
    act(() => source.emit('in_progress'));
    await waitFor(() => expect(status()).toBe('On the call'));
    // A late "ringing" does not move the screen back.
    act(() => source.emit('ringing'));
    await new Promise((r) => setTimeout(r, 20));
    expect(status()).toBe('On the call');

    current = { ...call, status: 'completed', durationSeconds: 42, summary: 'All good.', transcript: [{ speaker: 'assistant', text: 'Hi there', at: 0 }] };
    act(() => source.emit('completed'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Your call report' })).toBeTruthy();
    expect(await screen.findByText('All good.')).toBeTruthy();
    expect(source.closed).toBe(true);
    expect(screen.getByRole('link', { name: 'Go live' }).getAttribute('href')).toBe('/go-live?trialId=t1');
  });

  it('falls back to polling when the stream fails', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    stubApi({ 'GET /v1/calls/c1': () => jsonResponse(200, call), 'GET /v1/trials/t1': () => jsonResponse(200, trial) });
    renderCallPage();
    await screen.findByTestId('call-status');
    act(() => FakeEventSource.instances[0].fail());
    expect(await screen.findByText('Live updates are paused; refreshing every few seconds.')).toBeTruthy();
  });
});
