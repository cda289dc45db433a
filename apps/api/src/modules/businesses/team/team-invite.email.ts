import type { MailMessage } from '../../../common/mail/mailer';
import { EMAIL_BODY_STYLE, EMAIL_BUTTON_STYLE, escapeHtml } from '../../../common/mail/html';

/** "You were added to <business>": a sign-in link that lands on the business's dashboard. */
export function teamInviteEmail(input: { to: string; businessName: string; invitedBy: string; link: string; ttlMinutes: number; signInUrl: string }): MailMessage {
  const subject = `You've been added to ${input.businessName} on Beaker`;
  const text = [
    'Hi,',
    '',
    `${input.invitedBy} added you to ${input.businessName}'s team on Beaker, where its AI phone assistant's calls are.`,
    '',
    'Use this link to sign in and open the dashboard:',
    input.link,
    '',
    `It works once and expires in ${input.ttlMinutes} minutes. Later, sign in with this email address at ${input.signInUrl}.`,
    '',
    '— Beaker',
  ].join('\n');
  const href = escapeHtml(input.link);
  const html = `<!doctype html>
<html><body style="${EMAIL_BODY_STYLE}">
  <p>Hi,</p>
  <p>${escapeHtml(input.invitedBy)} added you to <strong>${escapeHtml(input.businessName)}</strong>'s team on Beaker, where its AI phone assistant's calls are.</p>
  <p><a href="${href}" style="${EMAIL_BUTTON_STYLE}">Open the dashboard</a></p>
  <p style="font-size: 13px; color: #555">Or paste this link into your browser:<br><a href="${href}">${href}</a></p>
  <p style="font-size: 13px; color: #555">It works once and expires in ${input.ttlMinutes} minutes. Later, sign in with this email address at <a href="${escapeHtml(input.signInUrl)}">${escapeHtml(input.signInUrl)}</a>.</p>
</body></html>`;
  return { to: input.to, subject, text, html };
}
