// The retention module's public surface: what other modules may import (nothing else in this folder).
export { RetentionModule } from './retention.module';
export { RetentionService, type RetentionReport } from './retention.service';
