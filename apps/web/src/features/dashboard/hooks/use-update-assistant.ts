import type { AssistantSettingsUpdate, BusinessOverview } from '@beaker/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { updateAssistant } from '../api/dashboard-api';

export function useUpdateAssistant(businessId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (update: AssistantSettingsUpdate) => updateAssistant(businessId, update),
    onSuccess: (assistant) => {
      queryClient.setQueryData<BusinessOverview>(queryKeys.businesses.overview(businessId), (old) =>
        old ? { ...old, name: assistant.businessName, assistant } : old,
      );
      // The business's name shows in the account menu and home page too.
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}
