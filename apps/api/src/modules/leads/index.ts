// The leads module's public surface: what other modules may import (nothing else in this folder).
export { LeadsModule } from './leads.module';
