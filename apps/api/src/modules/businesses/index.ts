// The businesses module's public surface: what other modules may import (nothing else in this folder).
export { BusinessesModule } from './businesses.module';
export { BusinessesService, type OutboundBlocker, type OutboundCaller } from './businesses.service';
