import type { DncAddRequest } from '@beaker/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { addDncEntry } from '../api/settings-api';

export function useAddBusinessDnc(businessId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DncAddRequest) => addDncEntry(businessId, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.businesses.dncAll(businessId) }),
  });
}
