import { ASSISTANT_LIMITS } from '@beaker/contracts';
import { useId, useState, type FormEvent } from 'react';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCurrentBusiness } from '../hooks/use-current-business';
import { useUpdateAssistant } from '../hooks/use-update-assistant';

type Field = 'businessName' | 'greeting' | 'hours';

/** What callers hear: the business's name, the greeting, the opening hours. Owners change them; members read them. */
export function AssistantPage() {
  const business = useCurrentBusiness();
  usePageTitle(`Assistant · ${business.name}`);
  const owner = business.yourRole === 'owner';
  const [values, setValues] = useState({ businessName: business.assistant.businessName, greeting: business.assistant.greeting, hours: business.assistant.hours ?? '' });
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const update = useUpdateAssistant(business.id);
  const ids = { name: useId(), greeting: useId(), hours: useId(), nameError: useId(), greetingError: useId(), hoursHint: useId() };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!values.businessName.trim()) found.businessName = 'Enter the name callers should hear.';
    if (!values.greeting.trim()) found.greeting = 'Enter the first sentence callers hear.';
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    update.mutate({ businessName: values.businessName.trim(), greeting: values.greeting.trim(), hours: values.hours.trim() || null });
  }

  return (
    <>
      <header className="page-header">
        <h1>Assistant</h1>
        <p className="lead">What callers hear when your assistant answers {business.phoneNumber ? 'your number' : 'your number, once it is set up'}.</p>
      </header>
      <form className="card form" onSubmit={submit} noValidate aria-label="Assistant settings">
        {update.isSuccess ? (
          <div className="alert alert--success" role="status">
            Saved. Your assistant uses the new settings from the next call.
          </div>
        ) : null}
        {update.isError ? (
          <div className="alert alert--error" role="alert">
            We couldn't save your settings just now; nothing was changed. Try again in a moment.
          </div>
        ) : null}
        {!owner ? <p className="muted">Only the business's owners can change these settings.</p> : null}
        <div className="field">
          <label htmlFor={ids.name} className="field__label">
            Business name
          </label>
          <input
            id={ids.name}
            className="field__input"
            value={values.businessName}
            maxLength={ASSISTANT_LIMITS.businessName}
            readOnly={!owner}
            aria-invalid={problems.businessName ? true : undefined}
            aria-describedby={problems.businessName ? ids.nameError : undefined}
            onChange={(e) => setValues({ ...values, businessName: e.target.value })}
          />
          {problems.businessName ? (
            <p id={ids.nameError} className="field__error">
              {problems.businessName}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={ids.greeting} className="field__label">
            Greeting
          </label>
          <textarea
            id={ids.greeting}
            className="field__input"
            rows={3}
            value={values.greeting}
            maxLength={ASSISTANT_LIMITS.greeting}
            readOnly={!owner}
            aria-invalid={problems.greeting ? true : undefined}
            aria-describedby={problems.greeting ? ids.greetingError : undefined}
            onChange={(e) => setValues({ ...values, greeting: e.target.value })}
          />
          {problems.greeting ? (
            <p id={ids.greetingError} className="field__error">
              {problems.greeting}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={ids.hours} className="field__label">
            Opening hours
          </label>
          <input
            id={ids.hours}
            className="field__input"
            value={values.hours}
            maxLength={ASSISTANT_LIMITS.hours}
            readOnly={!owner}
            placeholder="Mon–Fri 8 am–6 pm, Sat 9 am–1 pm"
            aria-describedby={ids.hoursHint}
            onChange={(e) => setValues({ ...values, hours: e.target.value })}
          />
          <p id={ids.hoursHint} className="field__hint">
            Your assistant tells callers these hours, and that the team calls back when you open.
          </p>
        </div>
        {owner ? (
          <div className="button-row">
            <button type="submit" className="btn btn--primary" disabled={update.isPending}>
              {update.isPending ? 'Saving…' : 'Save settings'}
            </button>
          </div>
        ) : null}
      </form>
    </>
  );
}
