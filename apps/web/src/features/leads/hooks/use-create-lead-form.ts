import type { LeadFormInput } from '@beaker/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { createLeadForm } from '../api/leads-api';

export function useCreateLeadForm(businessId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LeadFormInput) => createLeadForm(businessId, input),
    onSuccess: (form) => {
      queryClient.setQueryData(queryKeys.businesses.form(businessId, form.id), form);
      void queryClient.invalidateQueries({ queryKey: queryKeys.businesses.forms(businessId), exact: true });
    },
  });
}
