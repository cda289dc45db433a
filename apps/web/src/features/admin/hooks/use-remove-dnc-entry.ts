import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { removeDncEntry } from '../api/admin-api';

export function useRemoveDncEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => removeDncEntry(id, reason),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.dncAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.auditAll });
    },
  });
}
