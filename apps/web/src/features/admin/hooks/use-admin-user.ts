import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchAdminUser } from '../api/admin-api';

export function useAdminUser(id: string) {
  return useQuery({ queryKey: queryKeys.admin.user(id), queryFn: ({ signal }) => fetchAdminUser(id, signal) });
}
