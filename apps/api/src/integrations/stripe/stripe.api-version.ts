/**
 * The Stripe API version we are written against, pinned: an account's default version changing
 * must not change the shapes we read. It is the installed SDK's own version; bump both together.
 */
export const STRIPE_API_VERSION = '2026-10-28.endive' as const;
