import { Controller, Get, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { Forbidden, InvalidCursor, Unauthenticated, ValidationFailed } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { AdminOnly } from '../auth';
import { AbuseLog } from './abuse-log.service';
import { AbuseEventPageDto, AbuseEventsQueryDto, AbuseTopQueryDto, AbuseTopReportDto } from './dto/abuse-event.dto';

/** Staff: trial actions refused or stopped for abuse prevention, newest first (the admin abuse view reads it). */
@ApiTags('admin')
@ApiCookieAuth('session')
@AdminOnly()
@EndpointErrors([Unauthenticated, { error: Forbidden, note: 'staff only' }])
@Controller('v1/admin/abuse-events')
export class AbuseEventsController {
  constructor(private readonly abuse: AbuseLog) {}

  @Get()
  @Endpoint({
    summary: 'Abuse events: refused trials, locked verifications, capped texts',
    response: { status: 200, type: AbuseEventPageDto },
    errors: [ValidationFailed, InvalidCursor],
  })
  list(@Query() query: AbuseEventsQueryDto): Promise<AbuseEventPageDto> {
    return this.abuse.list(query.kind, query);
  }

  @Get('top')
  @Endpoint({
    summary: 'The refused-trial log summed up: the phones, IPs and email domains refused most in the last days',
    response: { status: 200, type: AbuseTopReportDto },
    errors: [ValidationFailed],
  })
  top(@Query() query: AbuseTopQueryDto): Promise<AbuseTopReportDto> {
    return this.abuse.top(query.days ?? 7);
  }
}
