import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { Page } from '@beaker/contracts';
import type { ReactNode } from 'react';
import { isApiError } from '../../../lib/api-error';

interface SandboxFeedProps<T> {
  query: UseInfiniteQueryResult<InfiniteData<Page<T>>>;
  /** What the list holds, in words, one and many: ["email", "emails"]. */
  noun: readonly [singular: string, plural: string];
  address: string;
  renderItem: (item: T) => ReactNode;
  itemKey: (item: T) => string;
}

/** The states every development inbox shares: waiting, not in sandbox, empty, items, older pages. */
export function SandboxFeed<T>({ query, noun: [one, many], address, renderItem, itemKey }: SandboxFeedProps<T>) {
  if (!address) return null;
  if (query.isPending) {
    return (
      <p className="muted" role="status">
        Looking for {many}…
      </p>
    );
  }
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) {
      return (
        <div className="alert alert--info" role="status">
          <p className="alert__title">The development inbox exists only in sandbox mode</p>
          <p>This Beaker runs with live providers, so real {many} were sent instead.</p>
        </div>
      );
    }
    return (
      <div className="alert alert--error" role="alert">
        <p className="alert__title">We couldn't load the {many}</p>
        <p>{query.error.message}</p>
        <button type="button" className="btn btn--secondary btn--sm" onClick={() => void query.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  const items = query.data.pages.flatMap((page) => page.items);
  return (
    <section aria-label={`${capitalize(many)} for ${address}`} className="feed">
      <p className={items.length === 0 ? 'feed__empty' : 'feed__status muted small'} role="status" aria-live="polite">
        {items.length === 0
          ? `No ${many} for ${address} yet. This page checks again every few seconds.`
          : `${items.length}${query.hasNextPage ? '+' : ''} ${items.length === 1 && !query.hasNextPage ? one : many} for ${address}, newest first.`}
      </p>
      <ol className="feed__list">
        {items.map((item) => (
          <li key={itemKey(item)}>{renderItem(item)}</li>
        ))}
      </ol>
      {query.hasNextPage ? (
        <button type="button" className="btn btn--secondary" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {query.isFetchingNextPage ? 'Loading…' : `Show older ${many}`}
        </button>
      ) : null}
    </section>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
