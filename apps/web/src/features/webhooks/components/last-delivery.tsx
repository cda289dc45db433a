import { formatDateTime } from '../../dashboard/components/dashboard-format';
import { useLastWebhookDelivery } from '../hooks/use-last-webhook-delivery';
import { attemptOutcome, DELIVERY_STATUS_LABELS, eventTypeLabel } from './webhook-format';

/** "Last delivery: lead.created · 200 · Delivered · Dec 6, 2:05 PM", or that nothing was sent yet. */
export function LastDelivery({ businessId, endpointId }: { businessId: string; endpointId: string }) {
  const last = useLastWebhookDelivery(businessId, endpointId);
  if (last.isPending) return <span className="muted">Last delivery: loading…</span>;
  if (last.isError) return <span className="muted">Last delivery: couldn’t load it.</span>;
  if (!last.data) return <span className="muted">Nothing sent yet.</span>;
  const a = last.data;
  return (
    <span data-testid="last-delivery">
      Last delivery: {eventTypeLabel(a.eventType)} · {attemptOutcome(a)} · <span className={a.succeeded ? 'text-success' : 'text-error'}>{DELIVERY_STATUS_LABELS[a.deliveryStatus]}</span> ·{' '}
      <time dateTime={a.at}>{formatDateTime(a.at)}</time>
    </span>
  );
}
