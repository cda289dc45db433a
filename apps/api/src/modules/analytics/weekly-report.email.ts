import type { AnalyticsTile, BusinessAnalytics } from '@beaker/contracts';
import { DateTime } from 'luxon';
import { EMAIL_BODY_STYLE, EMAIL_BUTTON_STYLE, escapeHtml } from '../../common/mail/html';
import type { MailMessage } from '../../common/mail/mailer';

/** How many leads the email lists by name; the rest are counted and linked. */
export const LISTED_LEADS = 20;

export interface WeeklyReportLead {
  name: string | null;
  phone: string;
  /** What they wanted: what the agent understood on the call, or the message they left. */
  want: string | null;
}

export interface WeeklyReportFacts {
  businessName: string;
  /** The reported week's Monday and Sunday, local days of the business. */
  weekStart: string;
  weekEnd: string;
  tiles: BusinessAnalytics['tiles'];
  leads: WeeklyReportLead[];
  leadsTotal: number;
  dashboardUrl: string;
  leadsUrl: string;
  settingsUrl: string;
  /** The page that asks "stop these emails?" (a GET never unsubscribes); null in a staff preview. */
  unsubscribeUrl: string | null;
}

const day = (d: string) => DateTime.fromISO(d, { zone: 'UTC' });

/** "30 Nov – 6 Dec 2026" (or across a year: "29 Dec 2025 – 4 Jan 2026"). */
export function weekLabel(weekStart: string, weekEnd: string): string {
  const from = day(weekStart);
  const to = day(weekEnd);
  return `${from.toFormat(from.year === to.year ? 'd LLL' : 'd LLL yyyy')} – ${to.toFormat('d LLL yyyy')}`;
}

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

/** Seconds as people say them: "45 s", "2 min 5 s", "1 h 3 min". */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
}

/** The week against the one before: "+30%", "−12%", "same", or "new" when there was nothing to compare. */
export function changeWords(tile: AnalyticsTile): string {
  if (tile.value === null) return '—';
  if (tile.previous === null || tile.change === null) return tile.previous === 0 && tile.value !== 0 ? 'up from 0' : '—';
  if (tile.change === 0) return 'same';
  const pct = Math.round(tile.change * 100);
  if (pct === 0) return 'about the same';
  return pct > 0 ? `+${pct}%` : `−${Math.abs(pct)}%`;
}

interface Row {
  label: string;
  value: string;
  previous: string;
  change: string;
}

function rows(tiles: BusinessAnalytics['tiles']): Row[] {
  const count = (n: number | null) => (n === null ? '—' : String(n));
  return [
    { label: 'Calls', value: count(tiles.calls.value), previous: count(tiles.calls.previous), change: changeWords(tiles.calls) },
    { label: 'Leads', value: count(tiles.leads.value), previous: count(tiles.leads.previous), change: changeWords(tiles.leads) },
    { label: 'Answered', value: percent(tiles.answeredRate.value), previous: percent(tiles.answeredRate.previous), change: changeWords(tiles.answeredRate) },
    { label: 'Time to call a lead (median)', value: duration(tiles.timeToCall.value), previous: duration(tiles.timeToCall.previous), change: changeWords(tiles.timeToCall) },
  ];
}

/** "Your week at …": the week's figures against the week before, the leads by name, links to the dashboard and to stop these emails. */
export function weeklyReportEmail(to: string, f: WeeklyReportFacts): MailMessage {
  const week = weekLabel(f.weekStart, f.weekEnd);
  const calls = f.tiles.calls.value ?? 0;
  const leadsCount = f.tiles.leads.value ?? 0;
  const subject = `Your week at ${f.businessName}: ${calls} call${calls === 1 ? '' : 's'}, ${leadsCount} lead${leadsCount === 1 ? '' : 's'} (${week})`;
  const table = rows(f.tiles);
  const more = f.leadsTotal - f.leads.length;
  const who = (l: WeeklyReportLead) => l.name ?? l.phone;

  const text = [
    `What your Beaker agent did for ${f.businessName}, ${week}:`,
    '',
    ...table.map((r) => `${r.label}: ${r.value} (the week before: ${r.previous}; ${r.change})`),
    '',
    f.leads.length === 0 ? 'No new leads this week.' : `New leads (${f.leadsTotal}):`,
    ...f.leads.map((l) => `- ${who(l)}${l.name ? ` (${l.phone})` : ''}: ${l.want ?? 'no details'}`),
    ...(more > 0 ? [`…and ${more} more: ${f.leadsUrl}`] : []),
    '',
    `Your dashboard: ${f.dashboardUrl}`,
    '',
    'You get this report every Monday morning.',
    ...(f.unsubscribeUrl ? [`Stop it: ${f.unsubscribeUrl}`] : []),
    `Or choose in your notification settings: ${f.settingsUrl}`,
    '— Beaker',
  ].join('\n');

  const th = 'text-align: left; padding: 6px 12px 6px 0; color: #555; font-weight: 600';
  const td = 'padding: 6px 12px 6px 0';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="${EMAIL_BODY_STYLE}">
  <div style="max-width: 600px; overflow-wrap: anywhere">
  <p>What your Beaker agent did for <strong>${escapeHtml(f.businessName)}</strong>, ${escapeHtml(week)}:</p>
  <table style="border-collapse: collapse">
    <tr><td></td><th scope="col" style="${th}">This week</th><th scope="col" style="${th}">Week before</th><th scope="col" style="${th}">Change</th></tr>
    ${table.map((r) => `<tr><th scope="row" style="${th}">${escapeHtml(r.label)}</th><td style="${td}"><strong>${escapeHtml(r.value)}</strong></td><td style="${td}">${escapeHtml(r.previous)}</td><td style="${td}">${escapeHtml(r.change)}</td></tr>`).join('\n    ')}
  </table>
  ${
    f.leads.length === 0
      ? '<p>No new leads this week.</p>'
      : `<h2 style="font-size: 16px; margin: 20px 0 8px">New leads (${f.leadsTotal})</h2>
  <ul style="padding-left: 20px">${f.leads
    .map((l) => `<li><strong>${escapeHtml(who(l))}</strong>${l.name ? ` (${escapeHtml(l.phone)})` : ''}: ${escapeHtml(l.want ?? 'no details')}</li>`)
    .join('')}</ul>${more > 0 ? `\n  <p><a href="${escapeHtml(f.leadsUrl)}">…and ${more} more</a></p>` : ''}`
  }
  <p><a href="${escapeHtml(f.dashboardUrl)}" style="${EMAIL_BUTTON_STYLE}">Open your dashboard</a></p>
  <p style="font-size: 13px; color: #555">You get this report every Monday morning.${
    f.unsubscribeUrl ? ` <a href="${escapeHtml(f.unsubscribeUrl)}">Unsubscribe</a>, or` : ''
  } choose in your <a href="${escapeHtml(f.settingsUrl)}">notification settings</a>.</p>
  </div>
</body></html>`;
  return { to, subject, text, html };
}
