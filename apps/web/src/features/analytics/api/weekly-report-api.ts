import type { WeeklyReportSettings, WeeklyReportUnsubscribed, WeeklyReportUnsubscribeInfo } from '@beaker/contracts';
import { api, call, csrfHeader } from '../../../lib/api-client';

/* The weekly report email: the signed-in person's choice, and the signed-out unsubscribe link. */

export function getWeeklyReportSettings(businessId: string, signal?: AbortSignal): Promise<WeeklyReportSettings> {
  return call(api.GET('/v1/businesses/{id}/weekly-report-settings', { params: { path: { id: businessId } }, signal }));
}

export function putWeeklyReportSettings(businessId: string, body: WeeklyReportSettings): Promise<WeeklyReportSettings> {
  return call(api.PUT('/v1/businesses/{id}/weekly-report-settings', { params: { path: { id: businessId }, header: csrfHeader() }, body }));
}

/** What the link would stop; changes nothing. */
export function getWeeklyReportUnsubscribe(token: string, signal?: AbortSignal): Promise<WeeklyReportUnsubscribeInfo> {
  return call(api.GET('/v1/weekly-report/unsubscribe', { params: { query: { token } }, signal }));
}

export function postWeeklyReportUnsubscribe(token: string): Promise<WeeklyReportUnsubscribed> {
  return call(api.POST('/v1/weekly-report/unsubscribe', { body: { token } }));
}
