import type { CallDirection, CallStatus, CallsPausedReason, InboundRoute, Plan } from '@beaker/contracts';
import { PLAN_CATALOG } from '@beaker/contracts';

/** "2026-02-01T12:00:00Z" → "Feb 1, 2026" in the viewer's locale and zone. */
export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric' }).format(new Date(iso));
}

/** "Feb 1, 2:05 PM". */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

export function planLabel(plan: Plan): string {
  const p = PLAN_CATALOG[plan];
  return `${p.name} · $${Math.round(p.monthlyPriceCents / 100)}/month · ${p.callsIncluded} calls`;
}

export const DIRECTION_LABELS: Record<CallDirection, string> = {
  inbound: 'Inbound',
  outbound_trial: 'Trial demo',
  outbound_lead: 'Lead callback',
};

export const STATUS_LABELS: Record<CallStatus, string> = {
  initiated: 'Starting',
  ringing: 'Ringing',
  in_progress: 'In progress',
  completed: 'Completed',
  failed: 'Not connected',
};

export const ROUTE_LABELS: Record<InboundRoute, string | null> = {
  assistant: null,
  fallback: 'Message taken',
  refused: 'Declined (do-not-call)',
  limited: 'Declined (too many calls from this number)',
};

/** Why callers hear the fallback, and what to do about it. */
export function pausedMessage(reason: CallsPausedReason, periodEnd: string | null): { title: string; text: string } {
  switch (reason) {
    case 'over_limit':
      return {
        title: "You've used all the calls in your plan",
        text: `Callers hear a short message and can leave their details until ${periodEnd ? formatDate(periodEnd) : 'your plan renews'}. Upgrade to Pro on the Billing page to answer more.`,
      };
    case 'past_due':
      return { title: 'Your payment is past due', text: 'Callers hear a message instead of your assistant. Update your card on the Billing page to turn it back on.' };
    case 'canceled':
      return { title: 'Your subscription is canceled', text: 'Callers hear a short message and can leave their details instead of reaching your assistant.' };
    case 'provisioning':
      return { title: 'Your number is being set up', text: 'Calls reach your assistant as soon as setup finishes — usually within a minute.' };
  }
}
