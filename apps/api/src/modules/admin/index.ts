// The admin module's public surface.
export { AdminModule } from './admin.module';
export { QUEUE_DASHBOARD_PATH, registerQueueDashboard } from './queue-dashboard';
