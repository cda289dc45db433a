import { SettingSwitch } from '../../../components/setting-switch';
import { useUpdateWeeklyReportSettings } from '../hooks/use-update-weekly-report-settings';
import { useWeeklyReportSettings } from '../hooks/use-weekly-report-settings';

/** "Email me the weekly report": the signed-in person's own setting for this business, saved as it is switched. */
export function WeeklyReportToggle({ businessId }: { businessId: string }) {
  const settings = useWeeklyReportSettings(businessId);
  const update = useUpdateWeeklyReportSettings(businessId);
  return (
    <SettingSwitch
      label="Email me the weekly report"
      hint={
        <>
          Every Monday at 9:00 in the business's time zone: last week's calls, leads with what they wanted, answered rate and time to call, against the week before.
          Owners get it unless they turn it off; members only if they turn it on.
        </>
      }
      value={settings.data?.weeklyReport}
      loaded={settings.isSuccess}
      loadFailed={settings.isError}
      save={(on, settled) => update.mutate({ weeklyReport: on }, { onSettled: settled })}
      saved={update.isSuccess}
      saveError={update.error}
      savedOn="Saved: you get the weekly report."
      savedOff="Saved: no more weekly reports."
    />
  );
}
