import { SMS_HELP_KEYWORDS, SMS_START_KEYWORDS, SMS_STOP_KEYWORDS } from '@beaker/contracts';

export type SmsKeyword = 'stop' | 'start' | 'help';

const KEYWORDS = new Map<string, SmsKeyword>([
  ...SMS_STOP_KEYWORDS.map((k) => [k, 'stop'] as const),
  ...SMS_START_KEYWORDS.map((k) => [k, 'start'] as const),
  ...SMS_HELP_KEYWORDS.map((k) => [k, 'help'] as const),
]);

/** The keyword a text is, if it is one: the whole message, in any case, surrounding spaces (and a final full stop or !) ignored. */
export function smsKeywordOf(body: string): SmsKeyword | null {
  return KEYWORDS.get(body.trim().replace(/[.!]+$/, '').toUpperCase()) ?? null;
}

const xml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** What we text back (Twilio's TwiML `<Message>`), or an empty answer for anything that is not a keyword. */
export function smsKeywordReply(keyword: SmsKeyword | null, sender: string): string {
  const words =
    keyword === 'stop'
      ? `You are unsubscribed from ${sender}: no more calls or texts from this number. Reply START to undo.`
      : keyword === 'start'
        ? `You are subscribed again to ${sender}. Reply STOP to stop calls and texts, HELP for help.`
        : keyword === 'help'
          ? `${sender}: calls and texts about your requests, made by an AI assistant. Reply STOP to stop them, START to undo.`
          : null;
  return words === null ? '<?xml version="1.0" encoding="UTF-8"?><Response></Response>' : `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${xml(words)}</Message></Response>`;
}
