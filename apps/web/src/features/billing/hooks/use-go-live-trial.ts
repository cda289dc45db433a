import type { TrialResponse } from '@beaker/contracts';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { getTrial } from '../../trials/api/trials-api';

/** The trial going live, when the page names one (same cache entry as the trial's own pages). */
export function useGoLiveTrial(trialId: string) {
  return useQuery<TrialResponse>({
    queryKey: queryKeys.trials.detail(trialId),
    queryFn: ({ signal }) => getTrial(trialId, signal),
    enabled: trialId.length > 0,
  });
}
