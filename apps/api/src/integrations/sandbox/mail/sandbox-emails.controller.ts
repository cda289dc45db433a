import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../modules/auth';
import { ProblemResponse } from '../../../common/http/openapi';
import { paginateArray } from '../../../common/http/pagination';
import { DevInbox } from './dev-inbox';
import { SandboxEmailPageDto, SandboxEmailQueryDto } from './dto/sandbox-email.dto';

/**
 * The development inbox, readable without signing in (that is its point: it holds the sign-in
 * links). Registered only in sandbox mode without SMTP_URL; it does not exist when PROVIDERS=live.
 */
@ApiTags('sandbox')
@Controller('v1/sandbox/emails')
export class SandboxEmailsController {
  constructor(private readonly inbox: DevInbox) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Emails sent to an address (sandbox mode only), newest first' })
  @ApiOkResponse({ type: SandboxEmailPageDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED' })
  async list(@Query() query: SandboxEmailQueryDto): Promise<SandboxEmailPageDto> {
    const emails = await this.inbox.list(query.to);
    return paginateArray(emails, query, (email) => ({ at: email.sentAt, id: email.id }));
  }
}
