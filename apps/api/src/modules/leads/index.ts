// The leads module's public surface: what other modules may import (nothing else in this folder).
export { LeadsModule } from './leads.module';
/** Leads as people read them (and staff search finds them). */
export { LeadViewsService } from './lead-views.service';
export { LeadDto, LeadSummaryDto } from './dto/lead.dto';
/** Leads added up over a time range (analytics). */
export { LeadStatsService, type CapturedLeadRow, type LeadActivityRow } from './lead-stats.service';
