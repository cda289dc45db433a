import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { getTrial } from '../api/trials-api';

/** One trial: its status, calls used and time left. */
export function useTrial(id: string) {
  return useQuery({ queryKey: queryKeys.trials.detail(id), queryFn: ({ signal }) => getTrial(id, signal) });
}
