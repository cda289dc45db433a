import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiHeader, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Forbidden, InvalidCursor, NotFound, Unauthenticated, ValidationFailed } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { PageQueryDto } from '../../common/http/pagination';
import { IdempotencyKeyInvalid, IdempotencyKeyReused } from '../../common/idempotency/idempotency.errors';
import { ApiCsrfHeader, BusinessOwnerOnly, CurrentUser } from './access/decorators';
import { ApiKeysService } from './api-keys.service';
import { CsrfRejected } from './auth.errors';
import { ApiKeyCreatedDto, ApiKeyCreateRequestDto, ApiKeyPageDto } from './dto/api-key.dto';
import type { User } from './entities/user.entity';

@ApiTags('api keys')
@ApiCookieAuth('session')
@ApiParam({ name: 'id', format: 'uuid', description: 'The business' })
@EndpointErrors([
  Unauthenticated,
  { error: Forbidden, note: 'not the owner, or an API key' },
  CsrfRejected,
  { error: NotFound, note: 'no such business among yours' },
])
@BusinessOwnerOnly('id')
@Controller('v1/businesses/:id/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @HttpCode(201)
  @ApiCsrfHeader()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string up to 255 characters: a retry with the same key and body answers the first answer (the same API key) for 24 hours' })
  @Endpoint({
    summary: 'Create an API key (owners); the key is in this answer only',
    description: 'An Idempotency-Key replay answers the same key again for 24 hours (kept encrypted until then, like webhook signing secrets).',
    response: { status: 201, type: ApiKeyCreatedDto },
    errors: [ValidationFailed, IdempotencyKeyInvalid, { error: IdempotencyKeyReused, note: 'the same key with a different body' }],
  })
  async create(
    @Param('id') businessId: string,
    @Body() body: ApiKeyCreateRequestDto,
    @CurrentUser() user: User,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApiKeyCreatedDto> {
    const { created, replayed } = await this.apiKeys.createIdempotently(businessId.toLowerCase(), body.name, user.id, { scope: `user:${user.id}`, key: idempotencyKey });
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return created;
  }

  @Get()
  @Endpoint({
    summary: "The business's API keys, newest first, revoked ones included",
    response: { status: 200, type: ApiKeyPageDto },
    errors: [ValidationFailed, InvalidCursor],
  })
  list(@Param('id') businessId: string, @Query() query: PageQueryDto): Promise<ApiKeyPageDto> {
    return this.apiKeys.list(businessId, query);
  }

  @Delete(':keyId')
  @HttpCode(204)
  @ApiCsrfHeader()
  @ApiParam({ name: 'keyId', format: 'uuid' })
  @Endpoint({
    summary: 'Revoke an API key: it answers 401 from the next request on',
    response: { status: 204, description: 'Revoked (or already revoked)' },
    errors: [{ error: NotFound, note: 'no such business among yours, or no such API key of it' }],
  })
  async revoke(@Param('id') businessId: string, @Param('keyId') keyId: string): Promise<void> {
    await this.apiKeys.revoke(businessId, keyId);
  }
}
