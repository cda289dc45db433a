import type { PlaceTrialCallRequest } from '@beaker/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { placeTrialCall } from '../api/trials-api';

/** "Call me now" (or the call that follows the code of the start form): the agent calls the verified phone. */
export function usePlaceTrialCall(trialId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: PlaceTrialCallRequest | void) => placeTrialCall(trialId, request ?? {}),
    onSuccess: (call) => {
      queryClient.setQueryData(queryKeys.calls.detail(call.id), call);
      void queryClient.invalidateQueries({ queryKey: queryKeys.trials.detail(trialId) });
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: queryKeys.trials.detail(trialId) }),
  });
}
