import { useMutation } from '@tanstack/react-query';
import { exportConsentsCsv } from '../api/settings-api';

/** Reads every page of the ledger as CSV and hands the browser a file to save. */
export function useExportConsents(businessId: string) {
  return useMutation({
    mutationFn: async (phone: string) => {
      const csv = await exportConsentsCsv(businessId, phone || undefined);
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `consents-${phone || businessId}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1_000);
      return csv;
    },
  });
}
