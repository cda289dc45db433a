import type { BusinessStatus } from '@beaker/contracts';

const LABELS: Record<BusinessStatus, { text: string; tone: string }> = {
  active: { text: 'Active', tone: 'badge--success' },
  past_due: { text: 'Payment past due', tone: 'badge--warning' },
  canceled: { text: 'Canceled', tone: 'badge--danger' },
};

export function BusinessStatusBadge({ status }: { status: BusinessStatus }) {
  const label = LABELS[status];
  return (
    <span className={`badge ${label.tone}`} data-testid="business-status">
      {label.text}
    </span>
  );
}
