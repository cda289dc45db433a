import type { ConsentCertificate } from '@beaker/contracts';
import { formatDuration, formatPhone } from '../../calls/components/call-format';
import { STATUS_LABELS } from '../../dashboard/components/dashboard-format';
import { DECISION_LABELS, formatPreciseTime, reasonSentence } from './lead-format';

const METHOD_LABELS: Record<string, string> = {
  web_form: 'Web form',
  api: 'Sent by an integrator (API)',
  sms_stop: 'Replied STOP by text',
  in_call_opt_out: 'Asked on a call not to be called',
  business: 'Recorded by the business',
  admin: 'Recorded by Beaker staff',
};

const yesNo = (value: boolean | null) => (value === null ? 'Not stated' : value ? 'Yes, ticked' : 'No');

/** The consent evidence of one lead, its fingerprint and what relied on it: laid out to be printed. */
export function ConsentCertificateView({ certificate }: { certificate: ConsentCertificate }) {
  const c = certificate;
  const e = c.evidence;
  return (
    <article className="certificate" aria-labelledby="certificate-title" data-testid="consent-certificate">
      <header className="certificate__header">
        <p className="eyebrow">Consent certificate</p>
        <h1 id="certificate-title">
          {c.businessName || 'Business'} · {formatPhone(c.phone)}
        </h1>
        <dl className="certificate__meta">
          <div>
            <dt>Lead</dt>
            <dd className="mono">{c.leadId}</dd>
          </div>
          <div>
            <dt>Issued</dt>
            <dd>
              {formatPreciseTime(c.issuedAt)} <span className="mono">({c.issuedAt})</span>
            </dd>
          </div>
        </dl>
      </header>

      <section className="certificate__section" aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">What the person agreed to</h2>
        {e ? (
          <>
            <blockquote className="certificate__consent" data-testid="consent-text">
              {e.consentText}
            </blockquote>
            <dl className="facts certificate__facts">
              <Row label="Text version">{e.consentVersion ?? '—'}</Row>
              <Row label="How">{METHOD_LABELS[e.method] ?? e.method}</Row>
              <Row label="Form">{e.formName ? `${e.formName} (${e.formId})` : (e.formId ?? '—')}</Row>
              <Row label="Consent checkbox">{yesNo(e.checkboxChecked)}</Row>
              <Row label="When">
                {formatPreciseTime(e.capturedAt)} <span className="mono">({e.capturedAt})</span>
              </Row>
              <Row label="Page">{e.pageUrl ? <span className="break-anywhere">{e.pageUrl}</span> : '—'}</Row>
              <Row label="IP address">{e.ip ? <span className="mono">{e.ip}</span> : '—'}</Row>
              <Row label="Browser (user agent)">{e.userAgent ? <span className="break-anywhere small">{e.userAgent}</span> : '—'}</Row>
            </dl>
          </>
        ) : (
          <p className="alert alert--warning">No consent evidence: this lead came without it, so the agent never calls it.</p>
        )}
      </section>

      <section className="certificate__section" aria-labelledby="integrity-heading">
        <h2 id="integrity-heading">Tamper check</h2>
        {c.evidenceSha256 ? (
          <>
            <p>
              SHA-256 of the evidence, recorded when it was captured:
              <br />
              <code className="certificate__hash" data-testid="evidence-sha256">
                {c.evidenceSha256}
              </code>
            </p>
            {c.evidenceIntact ? (
              <p className="alert alert--success" data-testid="evidence-intact">
                <strong>Intact.</strong> The evidence as stored today produces the same fingerprint: it has not changed since it was captured.
              </p>
            ) : (
              <p className="alert alert--error" data-testid="evidence-intact">
                <strong>Does not match.</strong> The evidence as stored today produces a different fingerprint: it was changed after it was captured.
              </p>
            )}
          </>
        ) : (
          <p className="muted">No fingerprint was recorded (no consent evidence).</p>
        )}
      </section>

      <section className="certificate__section" aria-labelledby="decisions-heading">
        <h2 id="decisions-heading">Compliance decisions that relied on it</h2>
        {c.decisions.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <table className="certificate__table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Decision</th>
                <th scope="col">Why</th>
                <th scope="col">Rules</th>
              </tr>
            </thead>
            <tbody>
              {c.decisions.map((d) => (
                <tr key={d.decisionId}>
                  <td data-label="When">{formatPreciseTime(d.at)}</td>
                  <td data-label="Decision">
                    {DECISION_LABELS[d.decision]}
                    {d.callId ? <span className="muted small"> · call {d.callId.slice(0, 8)}</span> : null}
                  </td>
                  <td data-label="Why">
                    {d.reasons.length === 0
                      ? 'Every rule allowed the call'
                      : d.reasons.map((r) => (
                          <span key={r.rule} className="certificate__reason">
                            {reasonSentence(r.rule)} <span className="muted small">({r.detail})</span>
                          </span>
                        ))}
                  </td>
                  <td data-label="Rules" className="mono small">
                    {d.rulesVersion}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="certificate__section" aria-labelledby="calls-heading">
        <h2 id="calls-heading">Calls placed under it</h2>
        {c.calls.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <table className="certificate__table">
            <thead>
              <tr>
                <th scope="col">Attempt</th>
                <th scope="col">Placed</th>
                <th scope="col">Outcome</th>
                <th scope="col">Length</th>
              </tr>
            </thead>
            <tbody>
              {c.calls.map((call) => (
                <tr key={call.callId}>
                  <td data-label="Attempt">
                    {call.attempt} <span className="muted small mono">({call.callId})</span>
                  </td>
                  <td data-label="Placed">{formatPreciseTime(call.createdAt)}</td>
                  <td data-label="Outcome">
                    {STATUS_LABELS[call.status]}
                    {call.endedReason ? <span className="muted small"> · {call.endedReason}</span> : null}
                  </td>
                  <td data-label="Length">{call.durationSeconds !== null ? formatDuration(call.durationSeconds) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="certificate__section" aria-labelledby="revocations-heading">
        <h2 id="revocations-heading">Later withdrawals of consent</h2>
        {c.revocations.length === 0 ? (
          <p className="muted">None recorded for this number.</p>
        ) : (
          <ul className="certificate__list">
            {c.revocations.map((r) => (
              <li key={`${r.at}-${r.method}`}>
                {formatPreciseTime(r.at)}: {METHOD_LABELS[r.method] ?? r.method}
                {r.statement ? ` — “${r.statement}”` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
