/** critical: provider webhooks; default: calls and product work; low: analytics and cleanup. */
export enum QueueName {
  Critical = 'critical',
  Default = 'default',
  Low = 'low',
}

export const ALL_QUEUES: QueueName[] = [QueueName.Critical, QueueName.Default, QueueName.Low];
