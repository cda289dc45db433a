// The trials module's public surface: what other modules may import (nothing else in this folder).
export { TrialsModule } from './trials.module';
export { TrialsService, type TrialProgress } from './trials.service';
export { AbuseLog, type AbuseReport } from './abuse-log.service';
export { TrialsRetention } from './trials-retention.service';
export type { Trial } from './entities/trial.entity';
export { buildTrialPersona, LEAD_SCHEMA, speakableName, type TrialPersona } from './personas/build-persona';
export { INDUSTRY_TEMPLATES, SCENARIO_TEMPLATES } from './personas/persona-templates';
export { TrialResponseDto } from './dto/trial.dto';
