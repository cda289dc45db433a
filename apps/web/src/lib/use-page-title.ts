import { useEffect } from 'react';

/** Each screen names itself, so tabs, history and screen readers tell them apart. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Beaker` : 'Beaker — AI phone agents for small businesses';
  }, [title]);
}
