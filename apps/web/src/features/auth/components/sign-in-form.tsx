import type { MagicLinkAccepted } from '@beaker/contracts';
import { useId, useRef, useState, type FormEvent } from 'react';
import { isApiError } from '../../../lib/api-error';
import { useRequestMagicLink } from '../hooks/use-request-magic-link';

// Deliberately loose: the API has the final word; this only catches obvious typos before a round trip.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateEmail(value: string): string | null {
  const email = value.trim();
  if (!email) return 'Enter your email address.';
  if (!EMAIL_SHAPE.test(email)) return 'Enter an email address like name@company.com.';
  return null;
}

export interface SignInFormProps {
  /** Where to land after signing in; travels inside the emailed link. */
  redirectTo?: string;
  submitLabel?: string;
  defaultEmail?: string;
  onSent: (email: string, accepted: MagicLinkAccepted) => void;
}

export function SignInForm({ redirectTo, submitLabel = 'Email me a sign-in link', defaultEmail = '', onSent }: SignInFormProps) {
  const [email, setEmail] = useState(defaultEmail);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const requestLink = useRequestMagicLink();
  const ids = { input: useId(), error: useId(), hint: useId() };

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = validateEmail(email);
    setFieldError(problem);
    if (problem) {
      inputRef.current?.focus();
      return;
    }
    const normalized = email.trim();
    requestLink.mutate(
      { email: normalized, ...(redirectTo ? { redirectTo } : {}) },
      {
        onSuccess: (accepted) => onSent(normalized, accepted),
        onError: (error) => {
          const apiMessage = isApiError(error) ? error.fieldMessages('email')[0] : undefined;
          if (apiMessage) {
            setFieldError(capitalize(apiMessage));
            inputRef.current?.focus();
          }
        },
      },
    );
  }

  const error = requestLink.error;
  const showBanner = error && !(isApiError(error) && error.fieldMessages('email').length > 0);
  const describedBy = [ids.hint, fieldError ? ids.error : null].filter(Boolean).join(' ');

  return (
    <form className="form" noValidate onSubmit={handleSubmit} aria-label="Sign in with email">
      {showBanner ? (
        <div className="alert alert--error" role="alert">
          {bannerMessage(error)}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={ids.input} className="field__label">
          Work email
        </label>
        <input
          ref={inputRef}
          id={ids.input}
          name="email"
          type="email"
          inputMode="email"
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          className="field__input"
          value={email}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => {
            setEmail(e.target.value);
            if (fieldError) setFieldError(null);
          }}
          placeholder="you@yourbusiness.com"
        />
        <p id={ids.hint} className="field__hint">
          We'll email you a link that signs you in. No password needed.
        </p>
        {fieldError ? (
          <p id={ids.error} className="field__error">
            {fieldError}
          </p>
        ) : null}
      </div>
      <button type="submit" className="btn btn--primary btn--block btn--lg" disabled={requestLink.isPending}>
        {requestLink.isPending ? 'Sending your link…' : submitLabel}
      </button>
    </form>
  );
}

function bannerMessage(error: unknown): string {
  if (isApiError(error, 'RATE_LIMITED')) {
    const minutes = error.retryAfterSeconds ? Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) : null;
    return minutes
      ? `Too many sign-in links were requested. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`
      : 'Too many sign-in links were requested. Try again a little later.';
  }
  if (isApiError(error)) return error.detail ?? error.title;
  return 'We could not send your link. Try again.';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
