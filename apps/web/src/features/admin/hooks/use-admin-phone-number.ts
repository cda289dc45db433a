import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchAdminPhoneNumber } from '../api/admin-api';

/** A phone number as staff see it. */
export function useAdminPhoneNumber(id: string) {
  return useQuery({ queryKey: queryKeys.admin.phoneNumber(id), queryFn: ({ signal }) => fetchAdminPhoneNumber(id, signal) });
}
