import type { CreateTrialBlockRequest } from '@beaker/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { addTrialBlock } from '../api/admin-api';

export function useAddTrialBlock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTrialBlockRequest) => addTrialBlock(body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.trialBlocksAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.auditAll });
    },
  });
}
