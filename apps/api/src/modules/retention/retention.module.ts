import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../../common/idempotency/idempotency.module';
import { BusinessesModule } from '../businesses';
import { CallsModule } from '../calls';
import { OutboundWebhooksModule } from '../outbound-webhooks';
import { TrialsModule } from '../trials';
import { WebhooksModule } from '../webhooks';
import { RetentionProcessor } from './jobs/retention.processor';
import { RetentionService } from './retention.service';

/**
 * Pruning on documented periods (README.md here): owns no table; each module prunes its own
 * through the service it exports, and knows its own periods.
 */
@Module({
  imports: [IdempotencyModule, BusinessesModule, CallsModule, OutboundWebhooksModule, TrialsModule, WebhooksModule],
  providers: [RetentionService, RetentionProcessor],
  exports: [RetentionService],
})
export class RetentionModule {}
