import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { getVerificationState } from '../api/trials-api';

/** The pending code and the lock of a trial's verification, read once as the step opens (never refetched on its own). */
export function useVerificationState(trialId: string) {
  return useQuery({
    queryKey: queryKeys.trials.verification(trialId),
    queryFn: ({ signal }) => getVerificationState(trialId, signal),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
}
