import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { listSandboxEmails } from '../api/sandbox-api';

/** Emails the sandbox "sent" to one address, newest first; polls so a new one shows up by itself. */
export function useSandboxEmails(to: string, options: { poll?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: queryKeys.sandbox.emails(to),
    queryFn: ({ pageParam, signal }) => listSandboxEmails(to, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled: to.length > 0,
    staleTime: 0,
    refetchInterval: options.poll ? 3_000 : false,
  });
}
