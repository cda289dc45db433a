import { EMAIL_BODY_STYLE, EMAIL_BUTTON_STYLE, escapeHtml } from '../../common/mail/html';
import type { MailMessage } from '../../common/mail/mailer';

export interface LeadEmailFacts {
  businessName: string;
  name: string | null;
  phone: string;
  email: string | null;
  /** What they want: the message, or what the agent understood on the call. */
  want: string | null;
  urgency: string | null;
  source: string;
  leadUrl: string;
  settingsUrl: string;
}

const SOURCE_WORDS: Record<string, string> = { form: 'your web form', api: 'your lead API', inbound_call: 'a call to your number' };

/** "A new lead": who, what they want, how urgent, the link to it, and how to stop these emails. */
export function newLeadEmail(to: string, f: LeadEmailFacts): MailMessage {
  const who = f.name ?? f.phone;
  const source = SOURCE_WORDS[f.source] ?? f.source;
  const subject = `New lead for ${f.businessName}: ${who}${f.urgency ? ` (${f.urgency} urgency)` : ''}`;
  const rows: [string, string][] = [
    ['Name', f.name ?? '—'],
    ['Phone', f.phone],
    ['Email', f.email ?? '—'],
    ['Wants', f.want ?? '—'],
    ['Urgency', f.urgency ?? '—'],
    ['From', source],
  ];
  const text = [
    `A new lead came in for ${f.businessName} from ${source}.`,
    '',
    ...rows.map(([k, v]) => `${k}: ${v}`),
    '',
    `See the lead and its calls: ${f.leadUrl}`,
    '',
    `You get this email for every new lead. Turn it off: ${f.settingsUrl}`,
    '— Beaker',
  ].join('\n');
  const html = `<!doctype html>
<html><body style="${EMAIL_BODY_STYLE}">
  <p>A new lead came in for <strong>${escapeHtml(f.businessName)}</strong> from ${escapeHtml(source)}.</p>
  <table style="border-collapse: collapse">${rows
    .map(([k, v]) => `<tr><th style="text-align: left; padding: 4px 12px 4px 0; color: #555">${k}</th><td style="padding: 4px 0">${escapeHtml(v)}</td></tr>`)
    .join('')}</table>
  <p><a href="${escapeHtml(f.leadUrl)}" style="${EMAIL_BUTTON_STYLE}">See the lead</a></p>
  <p style="font-size: 13px; color: #555">You get this email for every new lead. <a href="${escapeHtml(f.settingsUrl)}">Turn it off</a>.</p>
</body></html>`;
  return { to, subject, text, html };
}

/** "A lead was not called: your plan's calls are used up." */
export function planLimitEmail(to: string, f: Pick<LeadEmailFacts, 'businessName' | 'name' | 'phone' | 'leadUrl'> & { billingUrl: string }): MailMessage {
  const who = f.name ?? f.phone;
  const subject = `A lead for ${f.businessName} was not called: no calls left this period`;
  const text = [
    `${who} asked to be called back, but ${f.businessName} has used all the calls of its plan for this period, so the agent did not call.`,
    'The lead is kept; call them yourself, or upgrade your plan:',
    f.billingUrl,
    '',
    `The lead: ${f.leadUrl}`,
    '— Beaker',
  ].join('\n');
  const html = `<!doctype html>
<html><body style="${EMAIL_BODY_STYLE}">
  <p><strong>${escapeHtml(who)}</strong> asked to be called back, but ${escapeHtml(f.businessName)} has used all the calls of its plan for this period, so the agent did not call.</p>
  <p>The lead is kept: call them yourself, or upgrade your plan.</p>
  <p><a href="${escapeHtml(f.billingUrl)}" style="${EMAIL_BUTTON_STYLE}">Upgrade</a>
     &nbsp; <a href="${escapeHtml(f.leadUrl)}">See the lead</a></p>
</body></html>`;
  return { to, subject, text, html };
}
