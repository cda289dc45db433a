import type { SandboxMessage } from '../api/types';
import { formatSentAt } from './format-time';
import { LinkifiedText } from './linkified-text';

export function MessageView({ message }: { message: SandboxMessage }) {
  return (
    <article className="card message" aria-label={`Text message from ${message.from}`}>
      <p className="message__meta">
        From <strong>{message.from}</strong> to <strong>{message.to}</strong> ·{' '}
        <time dateTime={message.sentAt}>{formatSentAt(message.sentAt)}</time>
      </p>
      <div className="sms-bubble">
        <LinkifiedText text={message.body} />
      </div>
    </article>
  );
}
