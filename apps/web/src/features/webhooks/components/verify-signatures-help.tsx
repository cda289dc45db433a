import { useId } from 'react';

/** How a receiver checks that an event came from Beaker; the full guide, with Node and Python, is on /docs. */
export function VerifySignaturesHelp() {
  const id = useId();
  return (
    <aside className="card verify-help" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Verify signatures</h2>
      <p>Every event carries a header like this one:</p>
      <pre className="plain-text verify-help__header">
        <code>Beaker-Signature: t=1767225600,v1=5257a869e7ec…</code>
      </pre>
      <ol className="verify-help__steps">
        <li>
          Compute the hex HMAC-SHA256 of <code className="code-inline">{'<t>.<raw body>'}</code>, keyed with the endpoint’s signing secret (<code className="code-inline">whsec_…</code>).
        </li>
        <li>
          Accept the event if it equals any <code className="code-inline">v1</code>: after a rotation both secrets sign for 24 hours, so there are two.
        </li>
        <li>
          Refuse a <code className="code-inline">t</code> more than 5 minutes from your clock, and ignore an event <code className="code-inline">id</code> you have already handled: delivery is at least once, and not in
          order.
        </li>
        <li>Answer with a 2xx within 10 seconds. Anything else is a failure, tried again up to 7 times over about 28 hours.</li>
      </ol>
      <p>
        <a href="/docs">Read the webhooks guide, with code in Node and Python, in the API reference</a>
      </p>
    </aside>
  );
}
