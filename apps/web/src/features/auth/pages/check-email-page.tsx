import { MAGIC_LINK_TTL_MINUTES } from '@beaker/contracts';
import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { usePageTitle } from '../../../lib/use-page-title';
import { useSandboxEmails } from '../../dev-inbox/hooks/use-sandbox-emails';
import { useRequestMagicLink } from '../hooks/use-request-magic-link';
import { EmailAddress } from '../../../app/email-address';

/** Handed over by the sign-in form; not in the URL, so the address stays out of server logs. */
export interface CheckEmailState {
  email: string;
  expiresInMinutes?: number;
  next?: string;
}

export function CheckEmailPage() {
  usePageTitle('Check your email');
  const state = useLocation().state as CheckEmailState | null;
  const email = state?.email;
  const minutes = state?.expiresInMinutes ?? MAGIC_LINK_TTL_MINUTES;

  return (
    <section className="container container--narrow page">
      <div className="card card--form">
        <div className="icon-badge" aria-hidden="true">
          <svg viewBox="0 0 24 24" width="28" height="28" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
            <rect x="3" y="5" width="18" height="14" rx="2" />
            <path d="m3 7 9 6 9-6" />
          </svg>
        </div>
        <h1>Check your email</h1>
        {email ? (
          <p className="lead">
            We sent a sign-in link to <EmailAddress as="strong" email={email} />. Open it on this device to continue.
          </p>
        ) : (
          <p className="lead">We sent you a sign-in link. Open it on this device to continue.</p>
        )}
        <ul className="checklist">
          <li>The link works once and expires in {minutes} minutes.</li>
          <li>Can't find it? Look in your spam or promotions folder.</li>
        </ul>
        {email ? <SandboxInboxHint email={email} /> : null}
        {email ? <ResendLink email={email} next={state?.next} /> : null}
        <p className="small muted">
          Wrong address? <Link to="/sign-in">Use a different email</Link>
        </p>
      </div>
    </section>
  );
}

/**
 * In sandbox mode no real email leaves the machine; the development inbox answers only then,
 * so its answer is what tells us to point the person there.
 */
function SandboxInboxHint({ email }: { email: string }) {
  const inbox = useSandboxEmails(email);
  if (!inbox.isSuccess) return null;
  return (
    <div className="alert alert--sandbox">
      <p className="alert__title">Sandbox mode: no real email is sent</p>
      <p>Your link is waiting in the development inbox.</p>
      <Link to={`/dev/inbox?to=${encodeURIComponent(email)}`} className="btn btn--secondary btn--sm">
        Open the development inbox
      </Link>
    </div>
  );
}

function ResendLink({ email, next }: { email: string; next?: string }) {
  const resend = useRequestMagicLink();
  const [sentAgain, setSentAgain] = useState(false);
  return (
    <div className="resend">
      <button
        type="button"
        className="btn btn--ghost btn--sm"
        disabled={resend.isPending}
        onClick={() =>
          resend.mutate(
            { email, ...(next && next !== '/app' ? { redirectTo: next } : {}) },
            { onSuccess: () => setSentAgain(true) },
          )
        }
      >
        {resend.isPending ? 'Sending…' : 'Send the link again'}
      </button>
      <p role="status" className="small">
        {sentAgain && !resend.isError ? 'A new link is on its way.' : null}
        {resend.isError ? <span className="text-error">{resend.error.message}</span> : null}
      </p>
    </div>
  );
}
