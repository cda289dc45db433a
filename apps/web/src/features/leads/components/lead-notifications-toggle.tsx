import { forwardRef, useId, useState } from 'react';
import { isApiError } from '../../../lib/api-error';
import { useLeadNotifications } from '../hooks/use-lead-notifications';
import { useUpdateLeadNotifications } from '../hooks/use-update-lead-notifications';
// Its styles (.notify-toggle, .switch) load with it: the settings' notifications page shows it too.
import './leads.css';

/** "Email me every new lead": the signed-in person's own setting for this business, saved as it is switched. */
export const LeadNotificationsToggle = forwardRef<HTMLInputElement, { businessId: string }>(function LeadNotificationsToggle({ businessId }, ref) {
  const settings = useLeadNotifications(businessId);
  const update = useUpdateLeadNotifications(businessId);
  const id = useId();
  // What the person just chose, shown at once (a controlled checkbox must not jump back while saving).
  const [chosen, setChosen] = useState<boolean | null>(null);
  const on = chosen ?? settings.data?.emailOnNewLead ?? false;

  return (
    <div className="notify-toggle">
      <div className="notify-toggle__row">
        <input
          ref={ref}
          id={`${id}-switch`}
          type="checkbox"
          role="switch"
          className="switch"
          checked={on}
          disabled={!settings.isSuccess}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            setChosen(e.target.checked);
            update.mutate({ emailOnNewLead: e.target.checked }, { onSettled: () => setChosen(null) });
          }}
        />
        <label htmlFor={`${id}-switch`} className="notify-toggle__label">
          Email me every new lead
        </label>
      </div>
      <p className="field__hint" id={`${id}-hint`}>
        Who, what they want and a link to the lead, for every lead from a form, the API or a call to your number. Only for you: each teammate chooses their own.
      </p>
      <p role="status" className="small">
        {settings.isError
          ? "We couldn't load this setting."
          : update.isError
            ? isApiError(update.error)
              ? `Not saved: ${update.error.detail ?? update.error.title}`
              : 'Not saved. Check your connection and try again.'
            : update.isSuccess
              ? on
                ? 'Saved: you get an email for each new lead.'
                : 'Saved: no more new-lead emails.'
              : ''}
      </p>
    </div>
  );
});
