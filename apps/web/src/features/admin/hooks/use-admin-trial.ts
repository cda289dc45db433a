import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchAdminTrial } from '../api/admin-api';

/** A trial as staff see it. */
export function useAdminTrial(id: string) {
  return useQuery({ queryKey: queryKeys.admin.trial(id), queryFn: ({ signal }) => fetchAdminTrial(id, signal) });
}
