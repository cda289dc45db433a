import { Controller, Get } from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ProblemResponse } from '../../common/http/openapi';
import { ProviderCircuitBreakers } from '../../integrations/resilience/provider-circuit-breakers';
import { AdminOnly } from '../auth';
import { CircuitBreakerPageDto } from './dto/circuit-breaker.dto';

@ApiTags('admin')
@ApiCookieAuth('session')
@AdminOnly()
@Controller('v1/admin/health')
export class CircuitBreakersController {
  constructor(private readonly breakers: ProviderCircuitBreakers) {}

  @Get('circuit-breakers')
  @ApiOperation({ summary: 'State of every provider circuit breaker, as all api and worker processes share it (staff only)' })
  @ApiOkResponse({ type: CircuitBreakerPageDto })
  @ApiUnauthorizedResponse({ type: ProblemResponse, description: 'AUTH.UNAUTHENTICATED' })
  @ApiForbiddenResponse({ type: ProblemResponse, description: 'AUTH.FORBIDDEN: not staff' })
  async list(): Promise<CircuitBreakerPageDto> {
    return { items: await this.breakers.snapshot(), nextCursor: null };
  }
}
