import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ProblemResponse } from '../../common/http/openapi';
import { PageQueryDto } from '../../common/http/pagination';
import { ApiCsrfHeader, BusinessOwnerOnly, CurrentUser } from './access/decorators';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyCreatedDto, ApiKeyCreateRequestDto, ApiKeyPageDto } from './dto/api-key.dto';
import type { User } from './entities/user.entity';

@ApiTags('api keys')
@ApiCookieAuth('session')
@ApiParam({ name: 'id', format: 'uuid', description: 'The business' })
@ApiUnauthorizedResponse({ type: ProblemResponse, description: 'AUTH.UNAUTHENTICATED' })
@ApiForbiddenResponse({ type: ProblemResponse, description: 'AUTH.FORBIDDEN (not the owner, or an API key), AUTH.CSRF' })
@ApiNotFoundResponse({ type: ProblemResponse, description: 'NOT_FOUND: no such business among yours' })
@BusinessOwnerOnly('id')
@Controller('v1/businesses/:id/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @HttpCode(201)
  @ApiCsrfHeader()
  @ApiOperation({ summary: 'Create an API key (owners); the key is in this answer only' })
  @ApiCreatedResponse({ type: ApiKeyCreatedDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED' })
  create(@Param('id') businessId: string, @Body() body: ApiKeyCreateRequestDto, @CurrentUser() user: User): Promise<ApiKeyCreatedDto> {
    return this.apiKeys.create(businessId, body.name, user.id);
  }

  @Get()
  @ApiOperation({ summary: "The business's API keys, newest first, revoked ones included" })
  @ApiOkResponse({ type: ApiKeyPageDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED, PAGINATION.INVALID_CURSOR' })
  list(@Param('id') businessId: string, @Query() query: PageQueryDto): Promise<ApiKeyPageDto> {
    return this.apiKeys.list(businessId, query);
  }

  @Delete(':keyId')
  @HttpCode(204)
  @ApiCsrfHeader()
  @ApiParam({ name: 'keyId', format: 'uuid' })
  @ApiOperation({ summary: 'Revoke an API key: it answers 401 from the next request on' })
  @ApiNoContentResponse({ description: 'Revoked (or already revoked)' })
  async revoke(@Param('id') businessId: string, @Param('keyId') keyId: string): Promise<void> {
    await this.apiKeys.revoke(businessId, keyId);
  }
}
