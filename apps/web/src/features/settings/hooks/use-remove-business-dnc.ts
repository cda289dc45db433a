import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { removeDncEntry } from '../api/settings-api';

export function useRemoveBusinessDnc(businessId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ entryId, reason }: { entryId: string; reason: string }) => removeDncEntry(businessId, entryId, reason),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.businesses.dncAll(businessId) }),
  });
}
