import type { BusinessAnalytics } from '@beaker/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { type AnalyticsRange, getBusinessAnalytics } from '../api/analytics-api';

/** The dashboard's figures over a range; the previous range stays on screen while the next loads. */
export function useBusinessAnalytics(businessId: string, range: AnalyticsRange) {
  return useQuery<BusinessAnalytics>({
    queryKey: queryKeys.businesses.analytics(businessId, { ...range }),
    queryFn: ({ signal }) => getBusinessAnalytics(businessId, range, signal),
    placeholderData: keepPreviousData,
  });
}
