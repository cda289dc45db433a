import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { type AuditActor, Auditor } from '../../common/audit/audit.service';
import { Forbidden, InvalidCursor, Unauthenticated, ValidationFailed } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { AdminOnly, ApiCsrfHeader, CsrfRejected } from '../auth';
import { CreateTrialBlockDto, LiftTrialBlockDto, TrialBlockDto, TrialBlockPageDto, TrialBlocksQueryDto } from './dto/trial-block.dto';
import { TrialBlocksService } from './trial-blocks.service';
import { InvalidTrialBlock, TrialBlockExists, TrialBlockNotFound } from './trials.errors';

/** Staff: phone numbers and email domains barred from trials. Every change audited. */
@ApiTags('admin')
@ApiCookieAuth('session')
@AdminOnly()
@EndpointErrors([Unauthenticated, { error: Forbidden, note: 'staff only' }])
@Controller('v1/admin/trial-blocks')
export class AdminTrialBlocksController {
  constructor(private readonly blocks: TrialBlocksService) {}

  @Get()
  @Endpoint({ summary: 'Phone numbers and email domains barred from trials, newest first', response: { status: 200, type: TrialBlockPageDto }, errors: [ValidationFailed, InvalidCursor] })
  list(@Query() query: TrialBlocksQueryDto): Promise<TrialBlockPageDto> {
    return this.blocks.list(query.status === 'all', query);
  }

  @Post()
  @HttpCode(201)
  @ApiCsrfHeader()
  @Endpoint({
    summary: 'Bar a phone number or an email domain from starting trials (audited as trial_block.add)',
    response: { status: 201, type: TrialBlockDto },
    errors: [CsrfRejected, ValidationFailed, InvalidTrialBlock, TrialBlockExists],
  })
  add(@Body() body: CreateTrialBlockDto, @Auditor() auditor: AuditActor): Promise<TrialBlockDto> {
    return this.blocks.add(body, auditor);
  }

  @Delete(':blockId')
  @HttpCode(200)
  @ApiCsrfHeader()
  @ApiParam({ name: 'blockId', format: 'uuid' })
  @Endpoint({
    summary: 'Lift a block, with a reason (audited as trial_block.lift)',
    response: { status: 200, type: TrialBlockDto },
    errors: [CsrfRejected, ValidationFailed, TrialBlockNotFound],
  })
  lift(@Param('blockId') blockId: string, @Body() body: LiftTrialBlockDto, @Auditor() auditor: AuditActor): Promise<TrialBlockDto> {
    return this.blocks.lift(blockId, body.reason, auditor);
  }
}
