import type { LeadFormPage } from '@beaker/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { listLeadForms } from '../api/leads-api';

/** Forms per page: a business rarely has more than a few (20 at most today), so one page nearly always holds them all. */
export const FORMS_PAGE_SIZE = 100;

/** The business's web forms, newest first, page by page ("Load more"). */
export function useLeadForms(businessId: string) {
  return useInfiniteQuery<LeadFormPage>({
    queryKey: queryKeys.businesses.forms(businessId),
    queryFn: ({ pageParam, signal }) => listLeadForms(businessId, { limit: FORMS_PAGE_SIZE, cursor: (pageParam as string | null) ?? undefined }, signal),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
