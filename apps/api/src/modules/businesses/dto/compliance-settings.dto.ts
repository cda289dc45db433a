import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsTimeZone, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { MAX_CALLS_PER_MINUTE, RECORDING_RETENTION_DAYS, type CallingWindow, type RecordingRetentionDays, type ComplianceSettings, type ComplianceSettingsUpdate, type WeeklyCallingHours } from '@beaker/contracts';
import { TypeOf } from '../../../common/http/dto-transforms';

const HH_MM = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const WINDOWS_PER_DAY = 4;
const RETENTION_DESCRIPTION =
  'Calls older than this many days lose their recording and transcript (summary, extracted lead, duration and costs stay); checked hourly. null: kept.';

export class CallingWindowDto implements CallingWindow {
  @ApiProperty({ example: '09:00', pattern: HH_MM.source })
  @IsString()
  @Matches(HH_MM, { message: 'from must be a time like 09:00' })
  from: string;

  @ApiProperty({ example: '17:00', pattern: HH_MM.source, description: 'After `from`; "24:00" is the end of the day' })
  @IsString()
  @Matches(HH_MM, { message: 'to must be a time like 17:00' })
  to: string;
}

function dayWindows(): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ type: [CallingWindowDto], maxItems: WINDOWS_PER_DAY })(target, key);
    IsOptional()(target, key);
    IsArray()(target, key);
    ArrayMaxSize(WINDOWS_PER_DAY)(target, key);
    ValidateNested({ each: true })(target, key);
    TypeOf(() => CallingWindowDto)(target, key);
  };
}

/** A day missing or with no windows: no outbound calls that day. */
export class WeeklyCallingHoursDto implements WeeklyCallingHours {
  @dayWindows() mon?: CallingWindowDto[];
  @dayWindows() tue?: CallingWindowDto[];
  @dayWindows() wed?: CallingWindowDto[];
  @dayWindows() thu?: CallingWindowDto[];
  @dayWindows() fri?: CallingWindowDto[];
  @dayWindows() sat?: CallingWindowDto[];
  @dayWindows() sun?: CallingWindowDto[];
}

export class ComplianceSettingsDto implements ComplianceSettings {
  @ApiProperty({ type: String, nullable: true, example: 'America/Chicago', description: 'IANA zone the calling hours are read in; null: on the called person’s clock' })
  timezone: string | null;

  @ApiProperty({ type: WeeklyCallingHoursDto, nullable: true, description: 'The business’s outbound calling hours; null: the law’s windows only. They only ever narrow the law.' })
  callingHours: WeeklyCallingHoursDto | null;

  @ApiProperty({ minimum: 1, maximum: MAX_CALLS_PER_MINUTE, example: MAX_CALLS_PER_MINUTE })
  maxCallsPerMinute: number;

  @ApiProperty({ type: Number, enum: RECORDING_RETENTION_DAYS, nullable: true, example: 90, description: RETENTION_DESCRIPTION })
  recordingRetentionDays: RecordingRetentionDays | null;
}

export class ComplianceSettingsUpdateDto implements ComplianceSettingsUpdate {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'America/Chicago', description: 'null: read the hours on the called person’s clock' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @IsTimeZone({ message: 'timezone must be an IANA time zone such as America/Chicago' })
  timezone?: string | null;

  @ApiPropertyOptional({ type: WeeklyCallingHoursDto, nullable: true, description: 'null: no hours of your own (the law’s windows only)' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsObject()
  @ValidateNested()
  @TypeOf(() => WeeklyCallingHoursDto)
  callingHours?: WeeklyCallingHoursDto | null;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_CALLS_PER_MINUTE })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CALLS_PER_MINUTE)
  maxCallsPerMinute?: number;

  @ApiPropertyOptional({ type: Number, enum: RECORDING_RETENTION_DAYS, nullable: true, description: `${RETENTION_DESCRIPTION} (owners)` })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(RECORDING_RETENTION_DAYS, { message: `recordingRetentionDays must be one of ${RECORDING_RETENTION_DAYS.join(', ')}, or null to keep recordings` })
  recordingRetentionDays?: RecordingRetentionDays | null;
}
