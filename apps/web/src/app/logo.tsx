/** The Beaker mark: a flask with the agent's "signal" inside. Decorative; the word carries the name. */
export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="var(--color-brand)" />
      <path d="M12 7h8v2h-1v6.2l5.6 8.5A2 2 0 0 1 22.9 27H9.1a2 2 0 0 1-1.7-3.3L13 15.2V9h-1z" fill="#fff" />
      <path d="M10.5 22h11l-2.6-4h-5.8z" fill="var(--color-accent)" />
    </svg>
  );
}
