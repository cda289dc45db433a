import type { CallReport, CallStatus } from '@beaker/contracts';
import { useRef } from 'react';
import './calls.css';
import { useElapsedSeconds } from '../hooks/use-elapsed-seconds';
import { formatClock, formatDuration, formatPhone } from './call-format';

const STEPS: { status: CallStatus; label: string }[] = [
  { status: 'initiated', label: 'Dialing' },
  { status: 'ringing', label: 'Ringing' },
  { status: 'in_progress', label: 'Talking' },
  { status: 'completed', label: 'Report' },
];

const FAILURES: Record<string, string> = {
  'customer-did-not-answer': "You didn't pick up, so the call ended.",
  'customer-busy': 'Your line was busy.',
  voicemail: 'The call went to voicemail.',
  'beaker-provider-unavailable': 'Our calling service was unavailable; this call did not count.',
};

function headline(call: CallReport): { title: string; detail: string } {
  const phone = formatPhone(call.to);
  switch (call.status) {
    case 'initiated':
      return { title: 'Calling your phone…', detail: `We're dialing ${phone}.` };
    case 'ringing':
      return { title: 'Ringing', detail: `Pick up your phone at ${phone}.` };
    case 'in_progress':
      return { title: 'On the call', detail: 'Talk to your agent like a customer would.' };
    case 'completed':
      return { title: 'Call ended', detail: call.durationSeconds !== null ? `It lasted ${formatDuration(call.durationSeconds)}.` : 'Your report is ready.' };
    default:
      return { title: "The call didn't connect", detail: FAILURES[call.endedReason ?? ''] ?? 'Something went wrong on the line.' };
  }
}

/** The live call: where it is (dialing → ringing → talking → report) and for how long. */
export function CallLiveStatus({ call }: { call: CallReport }) {
  // When this screen first saw each status: the elapsed time counts from there.
  const seenAt = useRef(new Map<CallStatus, number>());
  if (!seenAt.current.has(call.status)) seenAt.current.set(call.status, Date.now());
  const live = call.status === 'ringing' || call.status === 'in_progress' || call.status === 'initiated';
  const since = live ? seenAt.current.get(call.status === 'initiated' ? 'initiated' : call.status) ?? null : null;
  const elapsed = useElapsedSeconds(since);
  const { title, detail } = headline(call);
  const current = call.status === 'failed' ? -1 : STEPS.findIndex((s) => s.status === call.status);

  return (
    <div className={`live-call live-call--${call.status}`} data-status={call.status}>
      <div className="live-call__icon" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="36" height="36" focusable="false">
          <path
            fill="currentColor"
            d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.6a1 1 0 0 1-.25 1z"
          />
        </svg>
      </div>
      <div role="status" aria-live="polite" aria-atomic="true" className="live-call__text">
        <p className="live-call__title" data-testid="call-status">
          {title}
        </p>
        <p className="live-call__detail">{detail}</p>
      </div>
      {elapsed !== null ? (
        <p className="live-call__clock" aria-label={`${formatDuration(elapsed)} elapsed`}>
          {formatClock(elapsed)}
        </p>
      ) : null}
      <ol className="live-call__steps" aria-label="Call progress">
        {STEPS.map((step, i) => (
          <li
            key={step.status}
            className={i < current ? 'is-done' : i === current ? 'is-current' : undefined}
            aria-current={i === current ? 'step' : undefined}
          >
            {step.label}
          </li>
        ))}
      </ol>
    </div>
  );
}
