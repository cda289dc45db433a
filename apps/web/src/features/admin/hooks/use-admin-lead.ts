import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchAdminLead } from '../api/admin-api';

/** A lead as staff see it. */
export function useAdminLead(id: string) {
  return useQuery({ queryKey: queryKeys.admin.lead(id), queryFn: ({ signal }) => fetchAdminLead(id, signal) });
}
