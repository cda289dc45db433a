import type { LeadForm, LeadFormSubmission } from '@beaker/contracts';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { isApiError } from '../../../lib/api-error';
import { formatPhone } from '../../calls/components/call-format';
import { useSendTestLead } from '../hooks/use-send-test-lead';
import { sandboxTestPhone } from './sandbox-test-phone';

/** Sample answers for the saved form's other required fields, so a test lead is never refused for them. */
export function testSubmission(form: LeadForm, name: string, phone: string, pageUrl: string): LeadFormSubmission {
  const fields: Record<string, string | boolean> = {};
  for (const field of form.fields.custom) {
    if (!field.required) continue;
    if (field.type === 'checkbox') fields[field.key] = true;
    else if (field.type === 'select') fields[field.key] = field.options?.[0] ?? '';
    else if (field.type === 'email') fields[field.key] = 'test-lead@example.com';
    else fields[field.key] = 'Test answer';
  }
  return {
    name,
    phone,
    consent: true,
    pageUrl,
    consentVersion: form.consentVersion,
    ...(form.fields.email.enabled && form.fields.email.required ? { email: 'test-lead@example.com' } : {}),
    ...(form.fields.message.enabled ? { message: 'This is a test lead sent from the Beaker dashboard.' } : {}),
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
  };
}

/**
 * Sandbox mode only: submits the saved form through its public path, from the dashboard's own
 * origin (which every form allows), as a visitor would; the simulated agent then calls.
 */
export function SendTestLead({ businessId, form }: { businessId: string; form: LeadForm }) {
  const [suggested] = useState(() => sandboxTestPhone());
  const [name, setName] = useState('Test Lead');
  const [phone, setPhone] = useState(suggested.e164);
  const send = useSendTestLead(businessId, form.id);
  const id = useId();
  const problem = (field: string) => (isApiError(send.error) ? send.error.fieldMessages(field).join('; ') : '');
  const fieldProblems = problem('name') || problem('phone');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send.mutate(testSubmission(form, name.trim(), phone.trim(), window.location.href));
  }

  return (
    <section className="card card--sandbox" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        Send a test lead <span className="badge badge--sandbox">Sandbox</span>
      </h2>
      <p className="muted small">
        Submits the saved form as a visitor would. No real phone rings: the sandbox agent calls and writes a report.{' '}
        {suggested.callableNow
          ? `The suggested number is in ${suggested.city}, where it is ${suggested.localTime}.`
          : `It is night everywhere we call (calls are allowed 8 am–9 pm at the lead's location): the call waits until morning.`}
      </p>
      <form className="test-lead" onSubmit={submit} noValidate>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-name`}>
            Lead's name
          </label>
          <input
            id={`${id}-name`}
            className="field__input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="off"
            aria-invalid={problem('name') ? true : undefined}
            aria-describedby={problem('name') ? `${id}-name-error` : undefined}
          />
          {problem('name') ? (
            <p className="field__error" id={`${id}-name-error`}>
              {problem('name')}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-phone`}>
            Lead's phone
          </label>
          <input
            id={`${id}-phone`}
            className="field__input"
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            autoComplete="off"
            aria-invalid={problem('phone') ? true : undefined}
            aria-describedby={problem('phone') ? `${id}-phone-error` : undefined}
          />
          {problem('phone') ? (
            <p className="field__error" id={`${id}-phone-error`}>
              {problem('phone')}
            </p>
          ) : null}
        </div>
        <div className="button-row">
          <button type="submit" className="btn btn--secondary" disabled={send.isPending}>
            {send.isPending ? 'Sending…' : 'Send a test lead'}
          </button>
        </div>
      </form>
      <div role="status" aria-live="polite">
        {send.isSuccess ? (
          <p className="alert alert--success test-lead__result">
            {send.data.duplicate
              ? `Same lead as a moment ago (${formatPhone(phone.trim())} within 10 minutes): a new submission, no second call. `
              : form.autoCall
                ? 'Test lead received: the agent calls it now. '
                : 'Test lead received. Auto-call is off for this form, so the agent does not call. '}
            <Link to={`/app/businesses/${businessId}/leads/${send.data.leadId}`}>Open the lead</Link>
          </p>
        ) : null}
        {send.isError && !fieldProblems ? (
          <p className="alert alert--error">{isApiError(send.error) ? (send.error.detail ?? send.error.title) : 'The test lead could not be sent. Try again.'}</p>
        ) : null}
      </div>
    </section>
  );
}
