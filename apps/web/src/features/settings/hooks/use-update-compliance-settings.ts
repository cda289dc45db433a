import type { ComplianceSettingsUpdate } from '@beaker/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { updateComplianceSettings } from '../api/settings-api';

export function useUpdateComplianceSettings(businessId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ComplianceSettingsUpdate) => updateComplianceSettings(businessId, body),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.businesses.complianceSettings(businessId), saved),
  });
}
