// The businesses module's public surface: what other modules may import (nothing else in this folder).
export { BusinessesModule } from './businesses.module';
export { BusinessesService, type BusinessRevenue, type CheckoutProgress, type OutboundBlocker, type OutboundCaller, type SubscriptionChange } from './businesses.service';
/** Staff pages' DTOs (the admin module composes them). */
export { BusinessMemberDto, BusinessOverviewDto } from './dto/business-overview.dto';
export { BusinessCallSummaryDto } from './dto/business-calls.dto';
export { PlanOverrideDto } from './dto/plan-override.dto';
export { PlanOverrideService } from './plan-override/plan-override.service';
/** Owners' compliance settings; the retention job reads the recording periods. */
export { ComplianceSettingsService } from './compliance-settings/compliance-settings.service';
