import { Controller, Get } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { Forbidden, Unauthenticated } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { ProviderCircuitBreakers } from '../../integrations/resilience/provider-circuit-breakers';
import { AdminOnly } from '../auth';
import { CircuitBreakerPageDto } from './dto/circuit-breaker.dto';

@ApiTags('admin')
@ApiCookieAuth('session')
@AdminOnly()
@EndpointErrors([Unauthenticated, { error: Forbidden, note: 'not staff' }])
@Controller('v1/admin/health')
export class CircuitBreakersController {
  constructor(private readonly breakers: ProviderCircuitBreakers) {}

  @Get('circuit-breakers')
  @Endpoint({
    summary: 'State of every provider circuit breaker, as all api and worker processes share it (staff only)',
    response: { status: 200, type: CircuitBreakerPageDto },
  })
  async list(): Promise<CircuitBreakerPageDto> {
    return { items: await this.breakers.snapshot(), nextCursor: null };
  }
}
