import { escapeHtml } from '../../common/mail/html';
import type { MailMessage } from '../../common/mail/mailer';

/** "Your webhook endpoint was disabled": which, why, and where to turn it back on. */
export function endpointDisabledEmail(to: string, f: { url: string; failingSince: Date | null; settingsUrl: string }): MailMessage {
  const since = f.failingSince ? f.failingSince.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : 'five days';
  const text = [
    `Beaker stopped sending webhooks to ${f.url}: every delivery to it has failed since ${since}.`,
    '',
    'Events that were waiting for it were not sent. Fix the endpoint, then turn it back on (and replay what you missed from its delivery log):',
    f.settingsUrl,
    '',
    '— Beaker',
  ].join('\n');
  const html =
    `<p>Beaker stopped sending webhooks to <code>${escapeHtml(f.url)}</code>: every delivery to it has failed since ${escapeHtml(since)}.</p>` +
    `<p>Events that were waiting for it were not sent. Fix the endpoint, then <a href="${escapeHtml(f.settingsUrl)}">turn it back on</a> ` +
    `(and replay what you missed from its delivery log).</p><p>— Beaker</p>`;
  return { to, subject: 'A webhook endpoint was disabled after 5 days of failures', text, html };
}
