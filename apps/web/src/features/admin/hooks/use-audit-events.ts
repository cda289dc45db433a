import type { AuditEvent, Page } from '@beaker/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchAuditEvents, type AuditEventFilters } from '../api/admin-api';

/** The audit log, newest first, page by page with the API's cursor. */
export function useAuditEvents(filters: AuditEventFilters) {
  return useInfiniteQuery<Page<AuditEvent>>({
    queryKey: queryKeys.admin.audit({ ...filters }),
    queryFn: ({ pageParam, signal }) => fetchAuditEvents(filters, (pageParam as string | null) ?? undefined, signal),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
