import { forwardRef } from 'react';
import { SettingSwitch } from '../../../components/setting-switch';
import { useLeadNotifications } from '../hooks/use-lead-notifications';
import { useUpdateLeadNotifications } from '../hooks/use-update-lead-notifications';

/** "Email me every new lead": the signed-in person's own setting for this business, saved as it is switched. */
export const LeadNotificationsToggle = forwardRef<HTMLInputElement, { businessId: string }>(function LeadNotificationsToggle({ businessId }, ref) {
  const settings = useLeadNotifications(businessId);
  const update = useUpdateLeadNotifications(businessId);
  return (
    <SettingSwitch
      ref={ref}
      label="Email me every new lead"
      hint="Who, what they want and a link to the lead, for every lead from a form, the API or a call to your number. Only for you: each teammate chooses their own."
      value={settings.data?.emailOnNewLead}
      loaded={settings.isSuccess}
      loadFailed={settings.isError}
      save={(on, settled) => update.mutate({ emailOnNewLead: on }, { onSettled: settled })}
      saved={update.isSuccess}
      saveError={update.error}
      savedOn="Saved: you get an email for each new lead."
      savedOff="Saved: no more new-lead emails."
    />
  );
});
