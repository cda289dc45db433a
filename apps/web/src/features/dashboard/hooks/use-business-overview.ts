import type { BusinessOverview } from '@beaker/contracts';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { getOverview } from '../api/dashboard-api';

const SETTING_UP_POLL_MS = 2_000;
const STEADY_POLL_MS = 30_000;

/** The dashboard's business: every 2 s while its setup runs (progress shows live), then every 30 s (usage). */
export function useBusinessOverview(businessId: string) {
  return useQuery<BusinessOverview>({
    queryKey: queryKeys.businesses.overview(businessId),
    queryFn: ({ signal }) => getOverview(businessId, signal),
    refetchInterval: (query) => {
      const provisioning = query.state.data?.provisioning.status;
      return provisioning === 'pending' || provisioning === 'in_progress' ? SETTING_UP_POLL_MS : STEADY_POLL_MS;
    },
  });
}
