import type { LeadFormInput } from '@beaker/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { updateLeadForm } from '../api/leads-api';

export function useUpdateLeadForm(businessId: string, formId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<LeadFormInput>) => updateLeadForm(businessId, formId, input),
    onSuccess: (form) => {
      queryClient.setQueryData(queryKeys.businesses.form(businessId, form.id), form);
      void queryClient.invalidateQueries({ queryKey: queryKeys.businesses.forms(businessId), exact: true });
    },
  });
}
