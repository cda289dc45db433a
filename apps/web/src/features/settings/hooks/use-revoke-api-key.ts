import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { revokeApiKey } from '../api/settings-api';

export function useRevokeApiKey(businessId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) => revokeApiKey(businessId, keyId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.businesses.apiKeys(businessId) }),
  });
}
