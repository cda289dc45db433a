import { Module } from '@nestjs/common';
import { BusinessesModule } from '../businesses';
import { CallsModule } from '../calls';
import { LeadsModule } from '../leads';
import { TrialsModule } from '../trials';
import { WebhooksModule } from '../webhooks';
import { AdminCostsController } from './admin-costs.controller';
import { AdminCostsService } from './admin-costs.service';
import { AdminEntitiesController } from './admin-entities.controller';
import { AdminHealthController } from './admin-health.controller';
import { AdminEntitiesService } from './admin-entities.service';
import { AdminSearchController } from './admin-search.controller';
import { AdminSearchService } from './admin-search.service';
import { AuditEventsController } from './audit-events.controller';
import { CircuitBreakersController } from './circuit-breakers.controller';

/**
 * Beaker staff's surface across modules: one search (each module searching its own tables through
 * its service), the pages of a user and a business, costs and margin, the audit log, the providers' breakers. Staff actions that change a module's data
 * (suspension, trial blocks, DNC, webhook replay) are routes of the module that owns the data,
 * under /v1/admin, and each writes its audit line in its own transaction.
 */
@Module({
  imports: [BusinessesModule, CallsModule, TrialsModule, LeadsModule, WebhooksModule],
  controllers: [AdminSearchController, AdminEntitiesController, AdminCostsController, AuditEventsController, CircuitBreakersController, AdminHealthController],
  providers: [AdminSearchService, AdminEntitiesService, AdminCostsService],
})
export class AdminModule {}
