import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { listSandboxMessages } from '../api/sandbox-api';

/** Text messages the sandbox "sent" to one phone number, newest first; polls for new ones. */
export function useSandboxMessages(to: string, options: { poll?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: queryKeys.sandbox.messages(to),
    queryFn: ({ pageParam, signal }) => listSandboxMessages(to, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled: to.length > 0,
    staleTime: 0,
    refetchInterval: options.poll ? 3_000 : false,
  });
}
