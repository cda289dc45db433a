import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { createApiKey } from '../api/settings-api';

export function useCreateApiKey(businessId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, attempt }: { name: string; attempt: string }) => createApiKey(businessId, name, attempt),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.businesses.apiKeys(businessId) }),
  });
}
