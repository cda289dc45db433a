import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { deleteLeadForm } from '../api/leads-api';

export function useDeleteLeadForm(businessId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (formId: string) => deleteLeadForm(businessId, formId),
    onSuccess: (_done, formId) => {
      queryClient.removeQueries({ queryKey: queryKeys.businesses.form(businessId, formId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.businesses.forms(businessId), exact: true });
    },
  });
}
