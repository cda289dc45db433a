// The businesses module's public surface: what other modules may import (nothing else in this folder).
export { BusinessesModule } from './businesses.module';
export { BusinessesService, type BusinessRevenue, type CheckoutProgress, type OutboundBlocker, type OutboundCaller, type SubscriptionChange } from './businesses.service';
/** Staff pages' DTOs (the admin module composes them). */
export { BusinessMemberDto, BusinessOverviewDto } from './dto/business-overview.dto';
export { BusinessCallSummaryDto } from './dto/business-calls.dto';
export { PlanOverrideDto } from './dto/plan-override.dto';
export { PlanOverrideService } from './plan-override/plan-override.service';
