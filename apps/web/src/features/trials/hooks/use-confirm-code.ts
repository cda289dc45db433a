import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { confirmVerificationCode } from '../api/trials-api';

/** The right code verifies the phone and activates the trial with its agent. */
export function useConfirmCode(trialId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => confirmVerificationCode(trialId, { code }),
    onSuccess: (trial) => {
      queryClient.setQueryData(queryKeys.trials.detail(trial.id), trial);
      void queryClient.invalidateQueries({ queryKey: queryKeys.trials.list });
    },
  });
}
