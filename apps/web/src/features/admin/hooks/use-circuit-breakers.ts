import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchCircuitBreakers } from '../api/admin-api';

const REFRESH_MS = 5_000;

/** The providers' circuit breakers, live (read again every 5 s). */
export function useCircuitBreakers() {
  return useQuery({ queryKey: queryKeys.admin.circuitBreakers, queryFn: ({ signal }) => fetchCircuitBreakers(signal), refetchInterval: REFRESH_MS });
}
