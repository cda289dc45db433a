import { isTerminalCallStatus, type CallReport } from '@beaker/contracts';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { getCall } from '../api/calls-api';

const POLL_MS = 1_500;

/**
 * A call's report. With `poll`, it is fetched again every 1.5 s until the call has ended (the
 * fallback when the live stream is unavailable).
 */
export function useCall(id: string, options: { poll?: boolean } = {}) {
  return useQuery<CallReport>({
    queryKey: queryKeys.calls.detail(id),
    queryFn: ({ signal }) => getCall(id, signal),
    refetchInterval: (query) => (options.poll && !(query.state.data && isTerminalCallStatus(query.state.data.status)) ? POLL_MS : false),
  });
}
