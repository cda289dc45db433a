/** 75 → "1:15"; 3725 → "1:02:05". */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** 75 → "1 min 15 s", for screen readers and summaries. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (m === 0) return `${rest} s`;
  return rest === 0 ? `${m} min` : `${m} min ${rest} s`;
}

/** US dollars with cents; fractions of a cent shown when the amount is small. */
export function formatUsd(amount: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: amount < 1 ? 3 : 2 }).format(amount);
}

/** "+14155550123" → "(415) 555-0123" for North American numbers; others unchanged. */
export function formatPhone(e164: string): string {
  const match = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return match ? `(${match[1]}) ${match[2]}-${match[3]}` : e164;
}

const PROVIDER_LABELS: Record<string, string> = {
  vapi: 'Voice platform',
  twilio: 'Phone line',
  transport: 'Phone line',
  model: 'AI model',
  llm: 'AI model',
  voice: 'Voice',
  tts: 'Voice',
  transcriber: 'Transcription',
  stt: 'Transcription',
  analysis: 'Analysis',
};

export function providerLabel(key: string): string {
  return PROVIDER_LABELS[key] ?? key.charAt(0).toUpperCase() + key.slice(1);
}
