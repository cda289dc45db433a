import { MAGIC_LINK_TTL_MINUTES } from '@beaker/contracts';
import { useNavigate } from 'react-router-dom';
import { isApiError } from '../../../lib/api-error';
import type { CheckEmailState } from '../pages/check-email-page';
import { SignInForm } from './sign-in-form';

interface Explanation {
  title: string;
  body: string;
}

/** Says, in plain words, why a sign-in link did not work. */
export function explainLinkProblem(error: unknown): Explanation {
  if (isApiError(error, 'AUTH.TOKEN_EXPIRED')) {
    return {
      title: 'This sign-in link has expired',
      body: `For your security, sign-in links work for ${MAGIC_LINK_TTL_MINUTES} minutes. Send yourself a new one — it only takes a moment.`,
    };
  }
  if (isApiError(error, 'AUTH.TOKEN_INVALID') || error === 'missing-token') {
    return {
      title: "This sign-in link doesn't work",
      body: 'Each link signs you in once, so it may have been used already — or it was cut short when copied. Send yourself a new one.',
    };
  }
  if (isApiError(error, 'RATE_LIMITED')) {
    return {
      title: 'Too many sign-in attempts',
      body: 'Wait a few minutes, then send yourself a new link.',
    };
  }
  if (isApiError(error, 'AUTH.SUSPENDED')) {
    return {
      title: 'This account is suspended',
      body: 'Contact Beaker support if you think this is a mistake.',
    };
  }
  return {
    title: "We couldn't sign you in",
    body: isApiError(error) && error.detail ? error.detail : 'Something went wrong on our side. Send yourself a new link and try again.',
  };
}

export function LinkProblem({ error, next }: { error: unknown; next?: string }) {
  const navigate = useNavigate();
  const { title, body } = explainLinkProblem(error);
  const canResend = !isApiError(error, 'AUTH.SUSPENDED');
  const expired = isApiError(error, 'AUTH.TOKEN_EXPIRED');
  return (
    <div className="card card--form">
      <div className="icon-badge icon-badge--warning" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="28" height="28" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
          <circle cx="12" cy="12" r="9" />
          {expired ? <path d="M12 7v5l3 2" /> : <path d="M12 7.5v5.5M12 16.5v.01" />}
        </svg>
      </div>
      <h1>{title}</h1>
      <p className="lead">{body}</p>
      {canResend ? (
        <SignInForm
          submitLabel="Send me a new link"
          redirectTo={next}
          onSent={(email, accepted) => {
            const state: CheckEmailState = { email, expiresInMinutes: accepted.expiresInMinutes, next };
            navigate('/check-email', { state });
          }}
        />
      ) : null}
    </div>
  );
}
