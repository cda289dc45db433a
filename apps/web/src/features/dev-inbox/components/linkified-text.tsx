import { Fragment } from 'react';

const URL_PATTERN = /https?:\/\/[^\s<>"')\]]+/g;

/** Plain text with its web addresses made clickable (React escapes the rest). */
export function LinkifiedText({ text }: { text: string }) {
  const parts: Array<{ text: string; href?: string }> = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: match[0], href: match[0] });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return (
    <p className="plain-text">
      {parts.map((part, i) =>
        part.href ? (
          <a key={i} href={part.href} className="break-anywhere">
            {part.text}
          </a>
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </p>
  );
}
