import type { StartTrialRequest } from '@beaker/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { startTrial } from '../api/trials-api';

/** The trial for a signed-out visitor: the answer comes with a trial session, so `me` is asked again. */
export function useStartTrial() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: StartTrialRequest) => startTrial(request),
    onSuccess: async (trial) => {
      queryClient.setQueryData(queryKeys.trials.detail(trial.id), trial);
      await queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}
