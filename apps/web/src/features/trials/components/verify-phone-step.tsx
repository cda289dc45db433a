import { TRIAL_CODE_TTL_MINUTES, type TrialResponse } from '@beaker/contracts';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { isApiError } from '../../../lib/api-error';
import { formatPhone } from '../../calls/components/call-format';
import { useSandboxMessages } from '../../dev-inbox/hooks/use-sandbox-messages';
import { useConfirmCode } from '../hooks/use-confirm-code';
import { useSendCode } from '../hooks/use-send-code';
import { useVerificationState } from '../hooks/use-verification-state';

/**
 * Step 2: a code by text message proves the phone is the prospect's. The code is sent as the step
 * opens; the field submits itself at the 6th digit, and `onVerified` follows (the call, at once).
 */
export function VerifyPhoneStep({ trial, onVerified }: { trial: TrialResponse; onVerified?: () => void }) {
  const send = useSendCode(trial.id);
  const confirm = useConfirmCode(trial.id);
  const state = useVerificationState(trial.id);
  // Five wrong codes lock the field, "Verify" and "Send a new code" until then (from the state on
  // opening, or from a refusal since): the same page before and after a reload.
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [resendAt, setResendAt] = useState<number | null>(null);
  const [sentOnce, setSentOnce] = useState(false);
  const requested = useRef(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const now = useNow(Math.max(resendAt ?? 0, lockedUntil ?? 0) || null);
  const locked = lockedUntil !== null && lockedUntil > now;
  const ids = { code: useId(), hint: useId(), error: useId() };

  function sendCode() {
    send.mutate(undefined, {
      onSuccess: (sent) => {
        setSentOnce(true);
        setResendAt(Date.parse(sent.resendAvailableAt));
      },
      onError: (error) => {
        // A code went out moments ago (a second tab): that one is on its way.
        if (isApiError(error, 'TRIALS.RESEND_TOO_SOON')) {
          setSentOnce(true);
          setResendAt(Date.now() + (error.retryAfterSeconds ?? 30) * 1000);
        }
        if (isApiError(error, 'TRIALS.VERIFICATION_LOCKED')) setLockedUntil(Date.now() + (error.retryAfterSeconds ?? 3600) * 1000);
      },
    });
  }

  // As the step opens, once (StrictMode mounts twice): a code still pending or a lock is shown as
  // it stands (a reload texts nothing); otherwise the code goes out.
  useEffect(() => {
    if (requested.current || state.isPending) return;
    requested.current = true;
    const at = state.data;
    const nowMs = Date.now();
    if (at?.lockedUntil && Date.parse(at.lockedUntil) > nowMs) {
      setLockedUntil(Date.parse(at.lockedUntil));
      setSentOnce(at.codeSentAt !== null);
      return;
    }
    if (at?.codeSentAt && at.expiresAt && Date.parse(at.expiresAt) > nowMs) {
      setSentOnce(true);
      setResendAt(at.resendAvailableAt ? Date.parse(at.resendAvailableAt) : null);
      return;
    }
    sendCode();
  }, [state.isPending, state.data]);

  function submit(digits: string) {
    if (digits.length !== 6) {
      setFieldError('Enter the 6 digits from the text message.');
      inputRef.current?.focus();
      return;
    }
    if (confirm.isPending || locked) return;
    // mutateAsync: this step unmounts as the trial turns verified, and the call must still follow.
    confirm.mutateAsync(digits).then(
      () => onVerified?.(),
      (error: unknown) => {
        if (isApiError(error, 'TRIALS.VERIFICATION_LOCKED')) {
          setLockedUntil(Date.now() + (error.retryAfterSeconds ?? 3600) * 1000);
          return;
        }
        setFieldError(confirmMessage(error));
        inputRef.current?.focus();
      },
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit(code.replace(/\D/g, ''));
  }

  const waitSeconds = resendAt ? Math.max(0, Math.ceil((resendAt - now) / 1000)) : 0;
  const sendProblem =
    send.error && !isApiError(send.error, 'TRIALS.RESEND_TOO_SOON') && !isApiError(send.error, 'TRIALS.VERIFICATION_LOCKED') ? sendMessage(send.error) : null;
  const describedBy = [ids.hint, fieldError ? ids.error : null].filter(Boolean).join(' ');

  return (
    <div className="trial-step">
      <h2 className="trial-step__title">Verify your phone</h2>
      <p role="status" aria-live="polite">
        {send.isPending && !sentOnce
          ? `Texting a code to ${formatPhone(trial.phone)}…`
          : sentOnce
            ? `We texted a 6-digit code to ${formatPhone(trial.phone)}. It works for ${TRIAL_CODE_TTL_MINUTES} minutes.`
            : null}
      </p>
      {locked && lockedUntil !== null ? (
        <div className="alert alert--error" role="alert" data-testid="verification-locked">
          <p>
            Too many wrong codes: verification is locked until {formatClock(lockedUntil)} (in {Math.max(1, Math.ceil((lockedUntil - now) / 60_000))} min). Then ask for a new
            code.
          </p>
        </div>
      ) : null}
      {sendProblem ? (
        <div className="alert alert--error" role="alert">
          {sendProblem}
        </div>
      ) : null}
      <SandboxOutboxHint phone={trial.phone} />
      <form className="form" noValidate onSubmit={handleSubmit} aria-label="Enter your code">
        <div className="field">
          <label htmlFor={ids.code} className="field__label">
            Verification code
          </label>
          <input
            ref={inputRef}
            id={ids.code}
            name="code"
            className="field__input field__input--code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={6}
            disabled={locked}
            value={code}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => {
              const digits = e.target.value.replace(/\D/g, '').slice(0, 6);
              setCode(digits);
              if (fieldError) setFieldError(null);
              // The 6th digit sends the code: no button to find on a phone.
              if (digits.length === 6 && digits !== code) submit(digits);
            }}
            placeholder="123456"
          />
          <p id={ids.hint} className="field__hint">
            Only a phone you can pick up is ever called.
          </p>
          {fieldError ? (
            <p id={ids.error} className="field__error" role="alert">
              {fieldError}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn btn--primary btn--block btn--lg" disabled={confirm.isPending || locked}>
          {confirm.isPending ? 'Checking…' : 'Verify my phone'}
        </button>
      </form>
      <div className="resend">
        <button type="button" className="btn btn--ghost btn--sm" disabled={send.isPending || waitSeconds > 0 || locked} onClick={sendCode}>
          {send.isPending ? 'Sending…' : locked ? 'Send a new code' : waitSeconds > 0 ? `Send a new code in ${waitSeconds} s` : 'Send a new code'}
        </button>
      </div>
    </div>
  );
}

/** In sandbox mode no text leaves the machine: the outbox answers only then, and we point there. */
function SandboxOutboxHint({ phone }: { phone: string }) {
  const outbox = useSandboxMessages(phone);
  if (!outbox.isSuccess) return null;
  return (
    <div className="alert alert--sandbox">
      <p className="alert__title">Sandbox mode: no real text is sent</p>
      <p>Your code is waiting in the development SMS inbox.</p>
      <Link to={`/dev/messages?to=${encodeURIComponent(phone)}`} className="btn btn--secondary btn--sm" target="_blank" rel="noopener">
        Open the SMS inbox<span className="visually-hidden"> (opens in a new tab)</span>
      </Link>
    </div>
  );
}

/** A time of day in the visitor's own clock, like 3:42 PM. */
function formatClock(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
}

function useNow(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null || until <= Date.now()) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= until) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);
  return now;
}

function confirmMessage(error: unknown): string {
  // The API's detail says how many tries are left.
  if (isApiError(error, 'TRIALS.CODE_INVALID')) return error.detail ?? "That code isn't right.";
  if (isApiError(error, 'TRIALS.CODE_EXPIRED')) return 'That code has expired. Send a new one.';
  if (isApiError(error, 'TRIALS.NO_CODE_SENT')) return 'Send a code first.';
  if (isApiError(error, 'TRIALS.VERIFICATION_LOCKED')) {
    const minutes = error.retryAfterSeconds ? Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) : 60;
    return `Too many wrong codes. You can try again in ${minutes} min.`;
  }
  if (isApiError(error)) return error.detail ?? error.title;
  return 'We could not check your code. Try again.';
}

function sendMessage(error: unknown): string {
  if (isApiError(error, 'TRIALS.VERIFICATION_LOCKED')) {
    const minutes = error.retryAfterSeconds ? Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) : 60;
    return `Too many wrong codes. You can ask for a new code in ${minutes} min.`;
  }
  if (isApiError(error, 'RATE_LIMITED')) return 'Too many codes were sent to this number today. Try again tomorrow.';
  if (isApiError(error)) return error.detail ?? error.title;
  return 'We could not text your code. Try again.';
}
