import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchStaffCall } from '../api/admin-api';

/** A call's report as staff read it (any business's). */
export function useStaffCall(id: string) {
  return useQuery({ queryKey: queryKeys.admin.call(id), queryFn: ({ signal }) => fetchStaffCall(id, signal) });
}
