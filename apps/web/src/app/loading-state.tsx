export function LoadingState({ label }: { label: string }) {
  return (
    <div className="container page loading-state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
