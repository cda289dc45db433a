import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { JobsService } from '../../common/queue/jobs.service';
import { adminOnlyHook } from '../auth';
import { queueDashboardViewsPath } from './queue-dashboard-view';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** The staff queue dashboard (bull-board) at /admin/queues: admins only, same-origin writes only, no other host. */
export async function registerQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const jobs = app.get(JobsService);
  const board = new BullBoardFastifyAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: jobs.queues().map((queue) => new BullMQAdapter(queue)),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Beaker queues' } },
  });
  // After createBullBoard (which points the adapter at bull-board's template): our page, no Google Fonts.
  board.setViewsPath(queueDashboardViewsPath());
  const guard = adminOnlyHook(app);
  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', guard);
    await scope.register(board.registerPlugin() as never, { prefix: QUEUE_DASHBOARD_PATH });
  });
}
