import type { CreateTrialRequest } from '@beaker/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { createTrial } from '../api/trials-api';

export function useCreateTrial() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateTrialRequest) => createTrial(request),
    onSuccess: (trial) => {
      queryClient.setQueryData(queryKeys.trials.detail(trial.id), trial);
      void queryClient.invalidateQueries({ queryKey: queryKeys.trials.list });
    },
  });
}
