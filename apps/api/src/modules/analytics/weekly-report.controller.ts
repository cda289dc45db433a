import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { Forbidden, NotFound, Unauthenticated, ValidationFailed } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { AdminOnly, ApiCsrfHeader, BusinessRoute, CsrfRejected, CurrentUser, Public, type User } from '../auth';
import { UnsubscribeLinkInvalid } from './analytics.errors';
import {
  WeeklyReportPreviewDto,
  WeeklyReportSettingsDto,
  WeeklyReportUnsubscribedDto,
  WeeklyReportUnsubscribeInfoDto,
  WeeklyReportUnsubscribeQueryDto,
  WeeklyReportUnsubscribeRequestDto,
} from './dto/weekly-report.dto';
import { WeeklyReports } from './weekly-reports.service';

/** The signed-in person's own choice about a business's weekly report. */
@ApiTags('analytics')
@ApiCookieAuth('session')
@ApiParam({ name: 'id', format: 'uuid', description: 'The business' })
@BusinessRoute('id')
@EndpointErrors([Unauthenticated, { error: NotFound, note: 'no such business, or not yours' }, { error: Forbidden, note: 'API keys (a person chooses their own emails)' }])
@Controller('v1/businesses/:id')
export class WeeklyReportSettingsController {
  constructor(private readonly reports: WeeklyReports) {}

  @Get('weekly-report-settings')
  @Endpoint({
    summary: "Whether you get this business's weekly report email",
    description: 'Per person: owners get it unless they turn it off; members only if they turn it on. Monday 09:00 in the business\'s time zone.',
    response: { status: 200, type: WeeklyReportSettingsDto },
  })
  get(@Param('id') businessId: string, @CurrentUser() user: User): Promise<WeeklyReportSettingsDto> {
    return this.reports.settingsFor(businessId, user.id);
  }

  @Put('weekly-report-settings')
  @ApiCsrfHeader()
  @Endpoint({
    summary: 'Turn the weekly report email on or off for yourself',
    response: { status: 200, type: WeeklyReportSettingsDto },
    errors: [ValidationFailed, CsrfRejected],
  })
  put(@Param('id') businessId: string, @CurrentUser() user: User, @Body() body: WeeklyReportSettingsDto): Promise<WeeklyReportSettingsDto> {
    return this.reports.saveSettings(businessId, user.id, body);
  }
}

/**
 * The unsubscribe link of a weekly report, signed out. A GET only says what the link would stop
 * (mail scanners and link previews open links: they must not unsubscribe anyone); the person's
 * click on the page POSTs it, as the sign-in link's page does.
 */
@ApiTags('analytics')
@Public()
@Controller('v1/weekly-report/unsubscribe')
export class WeeklyReportUnsubscribeController {
  constructor(private readonly reports: WeeklyReports) {}

  @Get()
  @Endpoint({
    summary: 'What a weekly-report unsubscribe link would stop (changes nothing)',
    response: { status: 200, type: WeeklyReportUnsubscribeInfoDto },
    errors: [ValidationFailed, { error: UnsubscribeLinkInvalid, note: 'a token we did not issue, or for a team the person left' }],
  })
  info(@Query() query: WeeklyReportUnsubscribeQueryDto): Promise<WeeklyReportUnsubscribeInfoDto> {
    return this.reports.unsubscribeInfo(query.token);
  }

  @Post()
  @HttpCode(200)
  @Endpoint({
    summary: 'Stop the weekly report email for the person and business of an unsubscribe link',
    description: 'No sign-in: the token is the proof. Saying it twice answers the same. The token may come in the body or the query string.',
    response: { status: 200, type: WeeklyReportUnsubscribedDto },
    errors: [ValidationFailed, { error: UnsubscribeLinkInvalid, note: 'a token we did not issue' }],
  })
  unsubscribe(@Query() query: WeeklyReportUnsubscribeQueryDto, @Body() body: WeeklyReportUnsubscribeRequestDto): Promise<WeeklyReportUnsubscribedDto> {
    return this.reports.unsubscribe(body?.token ?? query.token);
  }
}

/** Staff: any business's weekly report as it would go out now. */
@ApiTags('admin')
@ApiCookieAuth('session')
@AdminOnly()
@EndpointErrors([Unauthenticated, { error: Forbidden, note: 'not staff (API keys included)' }])
@Controller('v1/admin/businesses')
export class AdminWeeklyReportController {
  constructor(private readonly reports: WeeklyReports) {}

  @Get(':id/weekly-report/preview')
  @ApiParam({ name: 'id', format: 'uuid' })
  @Endpoint({
    summary: "Preview a business's weekly report email: its last whole week, both parts (staff only)",
    description: 'Nothing is sent or recorded; the preview has no unsubscribe link.',
    response: { status: 200, type: WeeklyReportPreviewDto },
    errors: [{ error: NotFound, note: 'no such business' }],
  })
  preview(@Param('id') businessId: string): Promise<WeeklyReportPreviewDto> {
    return this.reports.preview(businessId);
  }
}
