import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchAdminBusiness } from '../api/admin-api';

export function useAdminBusiness(id: string) {
  return useQuery({ queryKey: queryKeys.admin.business(id), queryFn: ({ signal }) => fetchAdminBusiness(id, signal) });
}
