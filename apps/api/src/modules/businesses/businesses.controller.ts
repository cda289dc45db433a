import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { BusinessAccess } from '../auth';
import { ProblemResponse } from '../../common/http/openapi';
import { ApiCsrfHeader, ApiKeyAllowed, BusinessOwnerOnly, BusinessRoute, CurrentBusinessAccess } from '../auth';
import { AssistantSettingsService } from './assistant/assistant-settings.service';
import { BusinessesService } from './businesses.service';
import { BusinessResponseDto } from './dto/business.dto';
import { AssistantSettingsDto, AssistantSettingsUpdateDto, BusinessOverviewDto } from './dto/business-overview.dto';
import { BusinessProvisioning } from './provisioning/business-provisioning.service';

@ApiTags('businesses')
@ApiCookieAuth('session')
@ApiBearerAuth('apiKey')
@ApiParam({ name: 'id', format: 'uuid' })
@ApiUnauthorizedResponse({ type: ProblemResponse, description: 'AUTH.UNAUTHENTICATED' })
@ApiNotFoundResponse({ type: ProblemResponse, description: 'NOT_FOUND: no such business, or not yours' })
@Controller('v1/businesses')
export class BusinessesController {
  constructor(
    private readonly businesses: BusinessesService,
    private readonly assistantSettings: AssistantSettingsService,
    private readonly provisioning: BusinessProvisioning,
  ) {}

  @Get(':id')
  @BusinessRoute('id')
  @ApiKeyAllowed()
  @ApiOperation({ summary: 'A business: plan, status and this period’s usage (members and its API keys)' })
  @ApiOkResponse({ type: BusinessResponseDto })
  @ApiForbiddenResponse({ type: ProblemResponse, description: 'AUTH.SUSPENDED' })
  get(@Param('id') id: string): Promise<BusinessResponseDto> {
    return this.businesses.get(id);
  }

  @Get(':id/overview')
  @BusinessRoute('id')
  @ApiKeyAllowed()
  @ApiOperation({
    summary: 'The dashboard: subscription, usage, the phone number, setup progress and the assistant’s settings',
    description: '`callsPausedReason` says why callers currently hear the fallback message instead of the assistant (null: they reach it).',
  })
  @ApiOkResponse({ type: BusinessOverviewDto })
  overview(@Param('id') id: string, @CurrentBusinessAccess() access: BusinessAccess | undefined): Promise<BusinessOverviewDto> {
    const role = access && access.role !== 'api_key' ? access.role : null;
    return this.businesses.overview(id, role);
  }

  @Patch(':id/assistant')
  @BusinessOwnerOnly('id')
  @ApiCsrfHeader()
  @ApiOperation({ summary: 'Change the assistant’s greeting, business name or hours (owners); the voice provider’s assistant changes with them' })
  @ApiOkResponse({ type: AssistantSettingsDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED' })
  @ApiForbiddenResponse({ type: ProblemResponse, description: 'AUTH.FORBIDDEN (a member or an API key), AUTH.CSRF' })
  @ApiServiceUnavailableResponse({ type: ProblemResponse, description: 'PROVIDERS.UNAVAILABLE: nothing was changed; try again' })
  updateAssistant(@Param('id') id: string, @Body() body: AssistantSettingsUpdateDto): Promise<AssistantSettingsDto> {
    return this.assistantSettings.update(id, body);
  }

  @Post(':id/provisioning/retry')
  @HttpCode(202)
  @BusinessOwnerOnly('id')
  @ApiCsrfHeader()
  @ApiOperation({ summary: 'Run the setup again from the first unfinished step (owners), e.g. after it failed' })
  @ApiAcceptedResponse({ schema: { type: 'object', properties: { step: { type: 'string', nullable: true, enum: ['assistant', 'number', 'connect'] } } } })
  @ApiForbiddenResponse({ type: ProblemResponse, description: 'AUTH.FORBIDDEN (a member or an API key), AUTH.CSRF' })
  async retryProvisioning(@Param('id') id: string): Promise<{ step: string | null }> {
    return { step: await this.provisioning.start(id, { retry: true }) };
  }
}
