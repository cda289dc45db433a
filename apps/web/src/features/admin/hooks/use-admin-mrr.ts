import type { AdminMrrReport } from '@beaker/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchMrr } from '../api/admin-api';

/** MRR and its movements by month; the previous range stays on screen while the next loads. */
export function useAdminMrr(query: { from: string; to: string }) {
  return useQuery<AdminMrrReport>({
    queryKey: queryKeys.admin.mrr({ ...query }),
    queryFn: ({ signal }) => fetchMrr(query, signal),
    placeholderData: keepPreviousData,
  });
}
