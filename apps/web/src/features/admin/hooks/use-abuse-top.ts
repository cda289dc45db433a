import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchAbuseTop } from '../api/admin-api';

/** Where refused trials came from in the last `days` days: phones, IPs, email domains, most first. */
export function useAbuseTop(days: number) {
  return useQuery({ queryKey: queryKeys.admin.abuseTop(days), queryFn: ({ signal }) => fetchAbuseTop(days, signal) });
}
