import type { LeadFormSubmission } from '@beaker/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { submitLeadForm } from '../api/leads-api';

/** "Send a test lead" (sandbox mode): the saved form submitted through its public path. */
export function useSendTestLead(businessId: string, formId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (submission: LeadFormSubmission) => submitLeadForm(formId, submission),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.businesses.leadsAll(businessId) }),
  });
}
