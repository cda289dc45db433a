import { useId, useState } from 'react';
import { isApiError } from '../../../lib/api-error';
import { useUpdateWeeklyReportSettings } from '../hooks/use-update-weekly-report-settings';
import { useWeeklyReportSettings } from '../hooks/use-weekly-report-settings';

/** "Email me the weekly report": the signed-in person's own setting for this business, saved as it is switched. */
export function WeeklyReportToggle({ businessId }: { businessId: string }) {
  const settings = useWeeklyReportSettings(businessId);
  const update = useUpdateWeeklyReportSettings(businessId);
  const id = useId();
  // What the person just chose, shown at once (a controlled checkbox must not jump back while saving).
  const [chosen, setChosen] = useState<boolean | null>(null);
  const on = chosen ?? settings.data?.weeklyReport ?? false;

  return (
    <div className="notify-toggle">
      <div className="notify-toggle__row">
        <input
          id={`${id}-switch`}
          type="checkbox"
          role="switch"
          className="switch"
          checked={on}
          disabled={!settings.isSuccess}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            setChosen(e.target.checked);
            update.mutate({ weeklyReport: e.target.checked }, { onSettled: () => setChosen(null) });
          }}
        />
        <label htmlFor={`${id}-switch`} className="notify-toggle__label">
          Email me the weekly report
        </label>
      </div>
      <p className="field__hint" id={`${id}-hint`}>
        Every Monday at 9:00 in the business's time zone: last week's calls, leads with what they wanted, answered rate and time to call, against the week before.
        Owners get it unless they turn it off; members only if they turn it on.
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
                ? 'Saved: you get the weekly report.'
                : 'Saved: no more weekly reports.'
              : ''}
      </p>
    </div>
  );
}
