import type { AnalyticsInterval } from '@beaker/contracts';
import type { AnalyticsRange } from '../api/analytics-api';

/** Ranges of whole local days; `endsDaysAgo` 0 ends today (live), 1 ends yesterday. */
export const PRESETS = [
  { id: 'yesterday', label: 'Yesterday', days: 1, endsDaysAgo: 1, interval: 'day' },
  { id: '7d', label: 'Last 7 days', days: 7, endsDaysAgo: 0, interval: 'day' },
  { id: '30d', label: 'Last 30 days', days: 30, endsDaysAgo: 0, interval: 'day' },
  { id: '90d', label: 'Last 90 days', days: 90, endsDaysAgo: 0, interval: 'week' },
  { id: '12m', label: 'Last 12 months', days: 365, endsDaysAgo: 0, interval: 'week' },
] as const satisfies readonly { id: string; label: string; days: number; endsDaysAgo: number; interval: AnalyticsInterval }[];

export type PresetId = (typeof PRESETS)[number]['id'];

/** A calendar date as YYYY-MM-DD, in the browser's own zone. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The days a preset covers, counted back from today. */
export function presetRange(id: PresetId, today: Date, interval?: AnalyticsInterval): AnalyticsRange {
  const preset = PRESETS.find((p) => p.id === id) ?? PRESETS[2];
  const day = (back: number) => isoDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() - back));
  return { from: day(preset.endsDaysAgo + preset.days - 1), to: day(preset.endsDaysAgo), interval: interval ?? preset.interval };
}

/** Reads `?range=7d|30d|90d|12m&interval=day|week` (default: the last 30 days by day). */
export function rangeFromParams(params: URLSearchParams, today: Date): { preset: PresetId; range: AnalyticsRange } {
  const preset = (PRESETS.find((p) => p.id === params.get('range'))?.id ?? '30d') as PresetId;
  const interval = params.get('interval');
  return { preset, range: presetRange(preset, today, interval === 'day' || interval === 'week' ? interval : undefined) };
}
