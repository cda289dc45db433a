import type { SandboxEmail } from '@beaker/contracts';
import { formatSentAt } from './format-time';
import { LinkifiedText } from './linkified-text';
import { EmailAddress } from '../../../app/email-address';

// Links in the email open in the whole tab (as they would from a mail client), not inside the frame.
const FRAME_HEAD =
  '<base target="_top">' +
  '<style>body{margin:16px;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#17201f;overflow-wrap:anywhere}</style>';

/** Puts our head elements first, whether the email is a whole document or a fragment. */
export function emailFrameDocument(html: string): string {
  if (/<head[^>]*>/i.test(html)) return html.replace(/<head[^>]*>/i, (head) => `${head}${FRAME_HEAD}`);
  return `<!doctype html><html><head>${FRAME_HEAD}</head><body>${html}</body></html>`;
}

export function EmailView({ email }: { email: SandboxEmail }) {
  return (
    <article className="card message" aria-labelledby={`email-${email.id}`}>
      <header className="message__header">
        <h2 id={`email-${email.id}`} className="message__subject">
          {email.subject}
        </h2>
        <p className="message__meta">
          To <EmailAddress email={email.to} /> · <time dateTime={email.sentAt}>{formatSentAt(email.sentAt)}</time>
        </p>
      </header>
      {/* No scripts, no same-origin access: the email's HTML can show itself and nothing more. */}
      <iframe
        className="message__frame"
        title={`Email: ${email.subject}`}
        sandbox="allow-top-navigation-by-user-activation allow-popups allow-popups-to-escape-sandbox"
        referrerPolicy="no-referrer"
        srcDoc={emailFrameDocument(email.html)}
      />
      <details className="message__text">
        <summary>Plain-text version</summary>
        <LinkifiedText text={email.text} />
      </details>
    </article>
  );
}
