import type { AuditEvent } from '@beaker/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { isApiError } from '../../../lib/api-error';
import { formatDateTime } from '../../dashboard/components/dashboard-format';

/** An instant, readable and machine-readable; a dash when there is none. */
export function When({ at }: { at: string | null | undefined }) {
  return at ? <time dateTime={at}>{formatDateTime(at)}</time> : <span className="muted">—</span>;
}

/** Label–value pairs of an entity page. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="admin-facts">
      {items.map(([label, value]) => (
        <div key={label} className="admin-facts__row">
          <dt>{label}</dt>
          <dd>{value ?? <span className="muted">—</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });

/** US dollars; `signed` marks a loss (a negative margin). */
export function Usd({ value, signed = false }: { value: number; signed?: boolean }) {
  return <span className={signed && value < 0 ? 'admin-loss nowrap' : 'nowrap'}>{USD.format(value)}</span>;
}

/** An id people copy into tickets and search: monospace, breakable. */
export function Id({ value }: { value: string | null | undefined }) {
  return value ? <code className="code-inline break-anywhere">{value}</code> : <span className="muted">—</span>;
}

const TARGET_PAGES: Record<string, string> = {
  user: 'users',
  business: 'businesses',
  call: 'calls',
  webhook_event: 'webhook-events',
};

/** The staff page of an audit event's target, when there is one. */
export function targetLink(event: Pick<AuditEvent, 'targetType' | 'targetId'>): string | null {
  const page = TARGET_PAGES[event.targetType];
  return page && event.targetId ? `/admin/${page}/${event.targetId}` : null;
}

/** "user.suspend" → "user.suspend" with the target as a link when staff have a page for it. */
export function AuditTarget({ event }: { event: Pick<AuditEvent, 'targetType' | 'targetId'> }) {
  const href = targetLink(event);
  const text = `${event.targetType}${event.targetId ? ` ${event.targetId.slice(0, 8)}…` : ''}`;
  return href ? <Link to={href}>{text}</Link> : <span>{text}</span>;
}

/** The few audit lines an entity page shows, newest first, and the way to the whole log. */
export function AuditLines({ events, allHref }: { events: AuditEvent[]; allHref: string }) {
  return (
    <>
      {events.length === 0 ? (
        <p className="muted">No staff action recorded yet.</p>
      ) : (
        <ul className="admin-audit-lines">
          {events.map((e) => (
            <li key={e.id}>
              <When at={e.at} /> · <strong>{e.action}</strong> by {e.actorKind}
              {e.reason ? <> — “{e.reason}”</> : null}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={allHref}>Open in the audit log</Link>
      </p>
    </>
  );
}

/** Any 404 of the API (each module names its own: AUTH.USER_NOT_FOUND, WEBHOOKS.EVENT_NOT_FOUND, …). */
export function isNotFound(error: unknown): boolean {
  return isApiError(error) && error.status === 404;
}
