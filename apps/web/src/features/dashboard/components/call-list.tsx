import type { BusinessCallSummary } from '@beaker/contracts';
import { Link } from 'react-router-dom';
import { formatDuration, formatPhone } from '../../calls/components/call-format';
import { DIRECTION_LABELS, formatDateTime, ROUTE_LABELS, STATUS_LABELS } from './dashboard-format';

function who(call: BusinessCallSummary): string {
  const number = call.direction === 'inbound' ? call.from : call.to;
  const shown = number ? formatPhone(number) : 'Unknown number';
  return call.callerName ? `${call.callerName} · ${shown}` : shown;
}

/** Calls, newest first: who, when, how it went; each opens its report. */
export function CallList({ businessId, calls }: { businessId: string; calls: BusinessCallSummary[] }) {
  return (
    <ul className="call-list" data-testid="call-list">
      {calls.map((call) => {
        const route = call.inboundRoute ? ROUTE_LABELS[call.inboundRoute] : null;
        return (
          <li key={call.id} className="call-row">
            <Link to={`/app/businesses/${businessId}/calls/${call.id}`} className="call-row__title">
              {who(call)}
            </Link>
            <span className="call-row__badges">
              <span className={`badge ${call.status === 'completed' ? 'badge--success' : call.status === 'failed' ? 'badge--danger' : 'badge--neutral'}`}>
                {STATUS_LABELS[call.status]}
              </span>
              {route ? <span className="badge badge--warning">{route}</span> : null}
            </span>
            <p className="call-row__meta">
              {DIRECTION_LABELS[call.direction]} · {formatDateTime(call.createdAt)}
              {call.durationSeconds !== null ? ` · ${formatDuration(call.durationSeconds)}` : ''}
              {call.summary ? ` — ${call.summary}` : ''}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
