import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { listTrials } from '../api/trials-api';

/** The signed-in person's trials, newest first (a trial session: its one trial). `enabled: false` for a signed-out visitor. */
export function useTrials({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: queryKeys.trials.list, queryFn: ({ signal }) => listTrials(signal), enabled });
}
