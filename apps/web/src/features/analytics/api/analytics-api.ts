import type { AnalyticsInterval, BusinessAnalytics } from '@beaker/contracts';
import { api, call } from '../../../lib/api-client';

export interface AnalyticsRange {
  from: string;
  to: string;
  interval: AnalyticsInterval;
}

export function getBusinessAnalytics(businessId: string, range: AnalyticsRange, signal?: AbortSignal): Promise<BusinessAnalytics> {
  return call(api.GET('/v1/businesses/{id}/analytics', { params: { path: { id: businessId }, query: range }, signal }));
}
