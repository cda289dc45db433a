import { isApiError } from '../lib/api-error';

/** A failure we did not plan a screen for: say what happened and offer to try again. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const detail = isApiError(error) ? error.detail ?? error.title : 'Something went wrong on our side.';
  const errorId = isApiError(error) ? error.errorId : undefined;
  return (
    <div className="container container--narrow page">
      <div className="alert alert--error" role="alert">
        <p className="alert__title">We couldn't load this page</p>
        <p>{detail}</p>
        {errorId ? <p className="muted small">Reference: {errorId}</p> : null}
        {onRetry ? (
          <button type="button" className="btn btn--secondary btn--sm" onClick={onRetry}>
            Try again
          </button>
        ) : null}
      </div>
    </div>
  );
}
