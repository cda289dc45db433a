import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InvalidCursor, ValidationFailed } from '../../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../../common/http/endpoint';
import { SANDBOX_ACCESS_ERRORS } from '../sandbox.errors';
import { PublicInDevelopment } from '../../../modules/auth';
import { paginateArray } from '../../../common/http/pagination';
import { DevInbox } from './dev-inbox';
import { SandboxEmailPageDto, SandboxEmailQueryDto } from './dto/sandbox-email.dto';

/**
 * The development inbox, readable without signing in with NODE_ENV development or test (that is its
 * point: it holds the sign-in links), and by Beaker staff only in any other mode. Registered only in
 * sandbox mode without SMTP_URL; it does not exist when PROVIDERS=live.
 */
@ApiTags('sandbox')
@PublicInDevelopment()
@EndpointErrors(SANDBOX_ACCESS_ERRORS)
@Controller('v1/sandbox/emails')
export class SandboxEmailsController {
  constructor(private readonly inbox: DevInbox) {}

  @Get()
  @Endpoint({
    summary: 'Emails sent to an address (sandbox mode only), newest first',
    response: { status: 200, type: SandboxEmailPageDto },
    errors: [ValidationFailed, InvalidCursor],
  })
  async list(@Query() query: SandboxEmailQueryDto): Promise<SandboxEmailPageDto> {
    const emails = await this.inbox.list(query.to);
    return paginateArray(emails, query, (email) => ({ at: email.sentAt, id: email.id }));
  }
}
