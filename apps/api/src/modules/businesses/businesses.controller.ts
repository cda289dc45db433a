import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ProblemResponse } from '../../common/http/openapi';
import { ApiKeyAllowed, BusinessRoute } from '../auth/access/decorators';
import { BusinessesService } from './businesses.service';
import { BusinessResponseDto } from './dto/business.dto';

@ApiTags('businesses')
@ApiCookieAuth('session')
@ApiBearerAuth('apiKey')
@Controller('v1/businesses')
export class BusinessesController {
  constructor(private readonly businesses: BusinessesService) {}

  @Get(':id')
  @BusinessRoute('id')
  @ApiKeyAllowed()
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({ summary: 'A business: plan, status and this period’s usage (members and its API keys)' })
  @ApiOkResponse({ type: BusinessResponseDto })
  @ApiUnauthorizedResponse({ type: ProblemResponse, description: 'AUTH.UNAUTHENTICATED' })
  @ApiForbiddenResponse({ type: ProblemResponse, description: 'AUTH.SUSPENDED' })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'NOT_FOUND: no such business, or not yours' })
  get(@Param('id') id: string): Promise<BusinessResponseDto> {
    return this.businesses.get(id);
  }
}
