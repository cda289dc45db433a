import { isForwardCallMove, isTerminalCallStatus, type CallReport, type CallStatusEvent } from '@beaker/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { queryKeys } from '../../../lib/query-keys';
import { callEventsUrl } from '../api/calls-api';

/** live: the stream is open; polling: it failed, poll instead; ended: the call is over. */
export type CallEventsMode = 'live' | 'polling' | 'ended';

/**
 * Follows a call's status through the Server-Sent Events stream and writes each change into the
 * call's query. When the call ends, the full report is fetched. If the stream cannot be opened or
 * keeps failing (old browsers, proxies that buffer), the mode turns to polling.
 */
export function useCallEvents(callId: string, enabled: boolean): CallEventsMode {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<CallEventsMode>('live');

  useEffect(() => {
    if (!enabled) return;
    if (typeof EventSource === 'undefined') {
      setMode('polling');
      return;
    }
    setMode('live');
    const source = new EventSource(callEventsUrl(callId), { withCredentials: true });
    let failures = 0;

    source.addEventListener('status', (message) => {
      failures = 0;
      const event = JSON.parse((message as MessageEvent<string>).data) as CallStatusEvent;
      queryClient.setQueryData<CallReport>(queryKeys.calls.detail(callId), (current) =>
        current && isForwardCallMove(current.status, event.status) ? { ...current, status: event.status, endedReason: event.endedReason } : current,
      );
      if (isTerminalCallStatus(event.status)) {
        source.close();
        setMode('ended');
        // The transcript, recording and lead came with the final status: fetch the whole report.
        void queryClient.invalidateQueries({ queryKey: queryKeys.calls.detail(callId) });
      }
    });
    source.onerror = () => {
      failures += 1;
      // EventSource retries by itself; a stream that keeps failing is not coming back.
      if (source.readyState === EventSource.CLOSED || failures >= 3) {
        source.close();
        setMode((current) => (current === 'ended' ? current : 'polling'));
      }
    };
    return () => source.close();
  }, [callId, enabled, queryClient]);

  return mode;
}
