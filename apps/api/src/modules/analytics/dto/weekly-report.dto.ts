import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { WeeklyReportPreview, WeeklyReportSettings, WeeklyReportUnsubscribed, WeeklyReportUnsubscribeInfo, WeeklyReportUnsubscribeRequest } from '@beaker/contracts';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

export class WeeklyReportSettingsDto implements WeeklyReportSettings {
  @ApiProperty({ description: "Email me this business's weekly report, Monday 09:00 in its time zone (owners: on by default; members: off)" })
  @IsBoolean()
  weeklyReport: boolean;
}

export class WeeklyReportUnsubscribeQueryDto {
  @ApiPropertyOptional({ description: 'The token of the link in the email' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  token?: string;
}

export class WeeklyReportUnsubscribeRequestDto implements WeeklyReportUnsubscribeRequest {
  @ApiPropertyOptional({ description: 'The token of the link in the email (or in the query string)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  token?: string;
}

export class WeeklyReportUnsubscribeInfoDto implements WeeklyReportUnsubscribeInfo {
  @ApiProperty({ example: 'Pacific Plumbing' }) businessName: string;
  @ApiProperty({ example: 'o***r@pacific.test', description: 'The address the reports go to, partly masked' }) email: string;
  @ApiProperty({ description: 'Whether the reports are still on' }) subscribed: boolean;
}

export class WeeklyReportUnsubscribedDto implements WeeklyReportUnsubscribed {
  @ApiProperty({ example: 'Pacific Plumbing' }) businessName: string;
  @ApiProperty({ enum: [false] }) subscribed: false;
}

export class WeeklyReportPreviewDto implements WeeklyReportPreview {
  @ApiProperty({ format: 'uuid' }) businessId: string;
  @ApiProperty({ example: '2026-11-30', description: "The reported week's Monday, a local day of the business" }) weekStart: string;
  @ApiProperty({ example: '2026-12-06', description: "The reported week's Sunday" }) weekEnd: string;
  @ApiProperty({ example: 'America/Los_Angeles' }) timeZone: string;
  @ApiProperty() subject: string;
  @ApiProperty({ description: 'The HTML part, as sent (without an unsubscribe link)' }) html: string;
  @ApiProperty({ description: 'The plain-text part' }) text: string;
}
