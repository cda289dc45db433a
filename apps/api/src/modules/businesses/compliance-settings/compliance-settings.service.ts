import { Injectable } from '@nestjs/common';
import { MAX_CALLS_PER_MINUTE, WEEKDAYS, type RecordingRetentionDays, type CallingWindow, type ComplianceSettings, type ComplianceSettingsUpdate, type WeeklyCallingHours } from '@beaker/contracts';
import { Clock } from '../../../common/clock';
import { NotFound, ValidationFailed } from '../../../common/errors/common.errors';
import { BusinessesRepository } from '../persistence/businesses.repository';

/** `businesses.compliance_settings` as stored (compliance module's README, "Business settings"). */
interface StoredSettings {
  callingHours?: WeeklyCallingHours;
  maxCallsPerMinute?: number;
  recordingRetentionDays?: RecordingRetentionDays;
}

/** A day's windows must each start before they end, and not overlap (the engine would read them as one). */
export function windowProblems(hours: WeeklyCallingHours): { field: string; messages: string[] }[] {
  const problems: { field: string; messages: string[] }[] = [];
  for (const day of WEEKDAYS) {
    const windows = [...(hours[day] ?? [])].sort((a, b) => a.from.localeCompare(b.from));
    windows.forEach((w: CallingWindow, i) => {
      if (w.from >= w.to) problems.push({ field: `callingHours.${day}`, messages: [`${w.from}–${w.to}: the start must be before the end`] });
      else if (i > 0 && windows[i - 1].to > w.from) problems.push({ field: `callingHours.${day}`, messages: [`${w.from}–${w.to} overlaps another window`] });
    });
  }
  return problems;
}

/**
 * The settings the compliance check reads about a business (its zone, outbound calling hours and
 * per-minute cap). The businesses table is this module's; what the values mean is the compliance
 * engine's (they only ever narrow the law).
 */
@Injectable()
export class ComplianceSettingsService {
  constructor(
    private readonly businesses: BusinessesRepository,
    private readonly clock: Clock,
  ) {}

  async get(businessId: string): Promise<ComplianceSettings> {
    const row = await this.businesses.complianceSettingsOf(businessId);
    if (!row) throw new NotFound('No such business');
    return view(row.timezone, row.compliance_settings as StoredSettings);
  }

  /** The businesses that keep recordings and transcripts for a limited time, with their periods (the retention job reads them). */
  recordingRetentions(): Promise<{ businessId: string; days: RecordingRetentionDays }[]> {
    return this.businesses.recordingRetentions();
  }

  async update(businessId: string, change: ComplianceSettingsUpdate): Promise<ComplianceSettings> {
    const row = await this.businesses.complianceSettingsOf(businessId);
    if (!row) throw new NotFound('No such business');
    const stored = { ...(row.compliance_settings as StoredSettings) };
    if (change.callingHours !== undefined) {
      if (change.callingHours === null) delete stored.callingHours;
      else {
        const problems = windowProblems(change.callingHours);
        if (problems.length > 0) throw new ValidationFailed('Some calling hours need a second look', { errors: problems });
        stored.callingHours = compact(change.callingHours);
      }
    }
    if (change.maxCallsPerMinute !== undefined) stored.maxCallsPerMinute = change.maxCallsPerMinute;
    if (change.recordingRetentionDays === null) delete stored.recordingRetentionDays;
    else if (change.recordingRetentionDays !== undefined) stored.recordingRetentionDays = change.recordingRetentionDays;
    const timezone = change.timezone === undefined ? row.timezone : change.timezone;
    await this.businesses.updateComplianceSettings(businessId, timezone, JSON.stringify(stored), this.clock.now());
    return view(timezone, stored);
  }
}

/** Every weekday, in order, with its windows sorted; a closed day is an empty list. */
function compact(hours: WeeklyCallingHours): WeeklyCallingHours {
  const out: WeeklyCallingHours = {};
  for (const day of WEEKDAYS) out[day] = [...(hours[day] ?? [])].map(({ from, to }) => ({ from, to })).sort((a, b) => a.from.localeCompare(b.from));
  return out;
}

function view(timezone: string | null, stored: StoredSettings): ComplianceSettings {
  return {
    timezone,
    callingHours: stored.callingHours ?? null,
    maxCallsPerMinute: stored.maxCallsPerMinute ?? MAX_CALLS_PER_MINUTE,
    recordingRetentionDays: stored.recordingRetentionDays ?? null,
  };
}
