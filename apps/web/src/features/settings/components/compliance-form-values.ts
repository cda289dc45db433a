import { MAX_CALLS_PER_MINUTE, WEEKDAYS, type ComplianceSettings, type ComplianceSettingsUpdate, type RecordingRetentionDays, type Weekday, type WeeklyCallingHours } from '@beaker/contracts';

/** The calling-rules form: one window per day (the API takes up to four; a day stored with more is shown by its first). */
export interface ComplianceFormValues {
  /** '' : on the called person's clock. */
  timezone: string;
  maxCallsPerMinute: string;
  useHours: boolean;
  days: Record<Weekday, { open: boolean; from: string; to: string }>;
  /** '' : kept; else the days, as text ('30', '90', '365'). */
  recordingRetentionDays: string;
}

/** The choices for how long recordings and transcripts are kept. */
export const RECORDING_RETENTION_CHOICES: { value: '' | `${RecordingRetentionDays}`; label: string }[] = [
  { value: '', label: 'As long as your account exists' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
];

export const WEEKDAY_LABELS: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

export const US_TIMEZONES: { value: string; label: string }[] = [
  { value: 'America/New_York', label: 'Eastern (New York)' },
  { value: 'America/Chicago', label: 'Central (Chicago)' },
  { value: 'America/Denver', label: 'Mountain (Denver)' },
  { value: 'America/Phoenix', label: 'Mountain, no daylight saving (Phoenix)' },
  { value: 'America/Los_Angeles', label: 'Pacific (Los Angeles)' },
  { value: 'America/Anchorage', label: 'Alaska (Anchorage)' },
  { value: 'Pacific/Honolulu', label: 'Hawaii (Honolulu)' },
];

const WEEKDAY_DEFAULT = { open: true, from: '09:00', to: '17:00' };
const WEEKEND_DEFAULT = { open: false, from: '10:00', to: '14:00' };

export function formValuesOf(settings: ComplianceSettings): ComplianceFormValues {
  const days = {} as ComplianceFormValues['days'];
  for (const day of WEEKDAYS) {
    const first = settings.callingHours?.[day]?.[0];
    if (settings.callingHours) days[day] = first ? { open: true, from: first.from, to: first.to === '24:00' ? '23:59' : first.to } : { ...WEEKEND_DEFAULT, open: false };
    else days[day] = day === 'sat' || day === 'sun' ? { ...WEEKEND_DEFAULT } : { ...WEEKDAY_DEFAULT };
  }
  return {
    timezone: settings.timezone ?? '',
    maxCallsPerMinute: String(settings.maxCallsPerMinute),
    useHours: settings.callingHours !== null,
    days,
    recordingRetentionDays: settings.recordingRetentionDays === null ? '' : String(settings.recordingRetentionDays),
  };
}

/** Days stored with more than one window (the form edits the first; saving other hours replaces them). */
export function daysWithSeveralWindows(settings: ComplianceSettings): Weekday[] {
  return WEEKDAYS.filter((day) => (settings.callingHours?.[day]?.length ?? 0) > 1);
}

/** A problem with the per-minute cap, or null. */
export function capProblem(value: string): string | null {
  const n = Number(value);
  return /^\d+$/.test(value.trim()) && n >= 1 && n <= MAX_CALLS_PER_MINUTE ? null : `Enter a whole number from 1 to ${MAX_CALLS_PER_MINUTE}.`;
}

/** A problem with one day's window, or null. */
export function dayProblem(day: { open: boolean; from: string; to: string }): string | null {
  if (!day.open) return null;
  if (!day.from || !day.to) return 'Enter both times.';
  return day.from < day.to ? null : 'The start must be before the end.';
}

/** What changed, as the PATCH body: calling hours and the recording period are sent only when they changed. */
export function updateOf(values: ComplianceFormValues, hoursChanged: boolean, retentionChanged = false): ComplianceSettingsUpdate {
  const update: ComplianceSettingsUpdate = { timezone: values.timezone || null, maxCallsPerMinute: Number(values.maxCallsPerMinute) };
  if (retentionChanged) update.recordingRetentionDays = values.recordingRetentionDays ? (Number(values.recordingRetentionDays) as RecordingRetentionDays) : null;
  if (hoursChanged) {
    if (!values.useHours) update.callingHours = null;
    else {
      const hours: WeeklyCallingHours = {};
      for (const day of WEEKDAYS) {
        const d = values.days[day];
        hours[day] = d.open ? [{ from: d.from, to: d.to }] : [];
      }
      update.callingHours = hours;
    }
  }
  return update;
}
