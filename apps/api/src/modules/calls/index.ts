// The calls module's public surface: what other modules may import (nothing else in this folder).
export { CallsModule } from './calls.module';
export { CallsService, decodeCallCursor, encodeCallCursor, type BusinessCallCosts, type CallActivityRow, type CallListQuery, type CallRow, type NewCall, type ProviderDayCost } from './calls.service';
export { CallReports } from './call-reports.service';
export { CallsRetention } from './calls-retention.service';
export { CallMetrics, type CallPurpose } from './call-metrics';
export { CallEndedListener, type EndedCall } from './call-ended.listener';
export { CallStatusNotifier, type CallStatusChange } from './call-status-notifier';
export type { Call, ExtractedLead, TranscriptTurn } from './entities/call.entity';
export { CallReportDto } from './dto/call-report.dto';
