import type { LeadForm } from '@beaker/contracts';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { getLeadForm } from '../api/leads-api';

/** One web form (its builder's starting point). */
export function useLeadForm(businessId: string, formId: string) {
  return useQuery<LeadForm>({
    queryKey: queryKeys.businesses.form(businessId, formId),
    queryFn: ({ signal }) => getLeadForm(businessId, formId, signal),
  });
}
