import type { ConsentCertificate } from '@beaker/contracts';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { getConsentCertificate } from '../api/leads-api';

export function useConsentCertificate(leadId: string) {
  return useQuery<ConsentCertificate>({
    queryKey: queryKeys.leads.consent(leadId),
    queryFn: ({ signal }) => getConsentCertificate(leadId, signal),
  });
}
