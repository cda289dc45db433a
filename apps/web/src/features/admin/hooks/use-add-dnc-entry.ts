import type { DncAddRequest } from '@beaker/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { addDncEntry } from '../api/admin-api';

export function useAddDncEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DncAddRequest) => addDncEntry(body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.dncAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.auditAll });
    },
  });
}
