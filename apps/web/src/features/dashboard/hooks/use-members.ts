import type { BusinessMemberView, Page } from '@beaker/contracts';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { listMembers } from '../api/dashboard-api';

export function useMembers(businessId: string) {
  return useQuery<Page<BusinessMemberView>>({
    queryKey: queryKeys.businesses.members(businessId),
    queryFn: ({ signal }) => listMembers(businessId, signal),
  });
}
