import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { replayWebhookEvent } from '../api/admin-api';

/** Runs the event's handler again now; the answer is the event as it stands after. */
export function useReplayWebhookEvent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => replayWebhookEvent(id),
    onSuccess: (event) => {
      queryClient.setQueryData(queryKeys.admin.webhookEvent(id), event);
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.webhookEventsAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.auditAll });
    },
  });
}
