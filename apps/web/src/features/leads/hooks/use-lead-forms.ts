import type { LeadForm } from '@beaker/contracts';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { listLeadForms } from '../api/leads-api';

/** The business's web forms, newest first. */
export function useLeadForms(businessId: string) {
  return useQuery<LeadForm[]>({
    queryKey: queryKeys.businesses.forms(businessId),
    queryFn: ({ signal }) => listLeadForms(businessId, signal),
  });
}
