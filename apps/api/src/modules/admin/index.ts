// The admin module's public surface.
export { AdminModule } from './admin.module';
