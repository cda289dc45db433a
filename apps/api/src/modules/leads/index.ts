// The leads module's public surface: what other modules may import (nothing else in this folder).
export { LeadsModule } from './leads.module';
/** Leads as people read them (and staff search finds them). */
export { LeadViewsService } from './lead-views.service';
export { LeadDto, LeadSummaryDto } from './dto/lead.dto';
