import type { MailMessage } from '../../common/mail/mailer';
import { EMAIL_BODY_STYLE, EMAIL_BUTTON_STYLE, escapeHtml } from '../../common/mail/html';

/** The sign-in email: a link, how long it lasts, and what to do if you did not ask for it. */
export function magicLinkEmail(to: string, link: string, ttlMinutes: number): MailMessage {
  const subject = 'Your Beaker sign-in link';
  const text = [
    'Hi,',
    '',
    'Use this link to sign in to Beaker:',
    link,
    '',
    `It works once and expires in ${ttlMinutes} minutes.`,
    'If you did not ask to sign in, you can ignore this email.',
    '',
    '— Beaker',
  ].join('\n');
  const href = escapeHtml(link);
  const html = `<!doctype html>
<html><body style="${EMAIL_BODY_STYLE}">
  <p>Hi,</p>
  <p>Use this button to sign in to Beaker:</p>
  <p><a href="${href}" style="${EMAIL_BUTTON_STYLE}">Sign in to Beaker</a></p>
  <p style="font-size: 13px; color: #555">Or paste this link into your browser:<br><a href="${href}">${href}</a></p>
  <p style="font-size: 13px; color: #555">It works once and expires in ${ttlMinutes} minutes. If you did not ask to sign in, you can ignore this email.</p>
</body></html>`;
  return { to, subject, text, html };
}
