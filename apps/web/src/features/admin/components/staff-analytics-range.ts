/** The staff analytics page's range: a preset of whole UTC months, or chosen days; in the URL. */

export const RANGE_PRESETS = [
  { id: '3m', label: '3 months', months: 3 },
  { id: '6m', label: '6 months', months: 6 },
  { id: '12m', label: '12 months', months: 12 },
] as const;
export type RangePresetId = (typeof RANGE_PRESETS)[number]['id'];
export const DEFAULT_PRESET: RangePresetId = '6m';

/** The funnel answers at most 366 days of signups: a longer range shows the last 366. */
export const MAX_FUNNEL_DAYS = 366;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isDay = (text: string | null): text is string => !!text && DAY.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && utcDay(Date.parse(`${text}T00:00:00Z`)) === text;

export interface StaffRange {
  /** The preset in use, or null for chosen days. */
  preset: RangePresetId | null;
  from: string;
  to: string;
}

/** A preset: from the first day of the month `months - 1` before today's, to today (UTC). */
export function presetRange(id: RangePresetId, now: Date): StaffRange {
  const months = RANGE_PRESETS.find((p) => p.id === id)!.months;
  return { preset: id, from: utcDay(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1)), to: utcDay(now.getTime()) };
}

/** `?from=&to=` when both are days in order; else `?range=` (a preset), else the default preset. */
export function rangeFromParams(params: URLSearchParams, now: Date): StaffRange {
  const from = params.get('from');
  const to = params.get('to');
  if (isDay(from) && isDay(to) && from <= to) return { preset: null, from, to };
  const preset = RANGE_PRESETS.find((p) => p.id === params.get('range'))?.id ?? DEFAULT_PRESET;
  return presetRange(preset, now);
}

/** The funnel's signup days: the range, or its last MAX_FUNNEL_DAYS days when it is longer. */
export function funnelRange(range: StaffRange): { from: string; to: string } {
  const earliest = utcDay(Date.parse(`${range.to}T00:00:00Z`) - (MAX_FUNNEL_DAYS - 1) * DAY_MS);
  return { from: range.from < earliest ? earliest : range.from, to: range.to };
}
