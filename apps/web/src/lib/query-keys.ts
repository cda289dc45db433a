/** Every TanStack Query key of the app, so invalidation never guesses at a string. */
export const queryKeys = {
  me: ['me'] as const,
  sandbox: {
    all: ['sandbox'] as const,
    emails: (to: string) => ['sandbox', 'emails', to] as const,
    messages: (to: string) => ['sandbox', 'messages', to] as const,
  },
};
