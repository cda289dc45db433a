import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { listTrials } from '../api/trials-api';

/** The signed-in person's trials, newest first. */
export function useTrials() {
  return useQuery({ queryKey: queryKeys.trials.list, queryFn: ({ signal }) => listTrials(signal) });
}
