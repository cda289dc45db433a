import { useState } from 'react';
import { isApiError } from '../../../lib/api-error';
import { emailFrameDocument } from '../../dev-inbox/components/email-view';
import { LinkifiedText } from '../../dev-inbox/components/linkified-text';
import { useWeeklyReportPreview } from '../hooks/use-weekly-report-preview';

/** Staff: the business's weekly report email as it would go out now (its last whole week), fetched on demand; nothing is sent. */
export function WeeklyReportPreviewSection({ businessId }: { businessId: string }) {
  const [asked, setAsked] = useState(false);
  const preview = useWeeklyReportPreview(businessId, asked);

  return (
    <section className="card" aria-labelledby="weekly-report-heading">
      <h2 id="weekly-report-heading">Weekly report</h2>
      <p className="muted">The email its people get on Monday at 9:00 in its time zone. Previewing sends nothing.</p>
      {!asked ? (
        <button type="button" className="btn" onClick={() => setAsked(true)}>
          Preview weekly report
        </button>
      ) : preview.isPending ? (
        <p role="status">Loading the preview…</p>
      ) : preview.isError ? (
        <p role="alert">{isApiError(preview.error) ? `No preview: ${preview.error.detail ?? preview.error.title}` : "We couldn't load the preview."}</p>
      ) : (
        <article className="message" aria-labelledby="weekly-report-subject">
          <header className="message__header">
            <h3 id="weekly-report-subject" className="message__subject">
              {preview.data.subject}
            </h3>
            <p className="message__meta">
              Week {preview.data.weekStart} to {preview.data.weekEnd} ({preview.data.timeZone})
            </p>
          </header>
          {/* No scripts, no same-origin access: the email's HTML can show itself and nothing more. */}
          <iframe
            className="message__frame"
            title={`Weekly report preview: ${preview.data.subject}`}
            sandbox="allow-top-navigation-by-user-activation allow-popups allow-popups-to-escape-sandbox"
            referrerPolicy="no-referrer"
            srcDoc={emailFrameDocument(preview.data.html)}
          />
          <details className="message__text">
            <summary>Plain-text version</summary>
            <LinkifiedText text={preview.data.text} />
          </details>
        </article>
      )}
    </section>
  );
}
