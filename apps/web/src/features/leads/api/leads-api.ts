import type {
  ConsentCertificate,
  Lead,
  LeadAccepted,
  LeadCounts,
  LeadForm,
  LeadFormInput,
  LeadFormSubmission,
  LeadListQuery,
  LeadNotificationSettings,
  LeadSummary,
  Page,
} from '@beaker/contracts';
import { apiRequest } from '../../../lib/api-client';

const business = (businessId: string) => `/v1/businesses/${encodeURIComponent(businessId)}`;
const form = (businessId: string, formId: string) => `${business(businessId)}/forms/${encodeURIComponent(formId)}`;

/* Forms (the owner's side). */

export function listLeadForms(businessId: string, signal?: AbortSignal): Promise<LeadForm[]> {
  return apiRequest<LeadForm[]>(`${business(businessId)}/forms`, { signal });
}

export function getLeadForm(businessId: string, formId: string, signal?: AbortSignal): Promise<LeadForm> {
  return apiRequest<LeadForm>(form(businessId, formId), { signal });
}

export function createLeadForm(businessId: string, body: LeadFormInput): Promise<LeadForm> {
  return apiRequest<LeadForm>(`${business(businessId)}/forms`, { method: 'POST', body });
}

export function updateLeadForm(businessId: string, formId: string, body: Partial<LeadFormInput>): Promise<LeadForm> {
  return apiRequest<LeadForm>(form(businessId, formId), { method: 'PATCH', body });
}

export function deleteLeadForm(businessId: string, formId: string): Promise<void> {
  return apiRequest<void>(form(businessId, formId), { method: 'DELETE' });
}

/**
 * The public submission path the embed script uses, sent from the dashboard's own origin (which
 * every form allows): "Send a test lead" goes through exactly what a visitor's submission does.
 */
export function submitLeadForm(formId: string, body: LeadFormSubmission): Promise<LeadAccepted> {
  return apiRequest<LeadAccepted>(`/v1/forms/${encodeURIComponent(formId)}/submissions`, { method: 'POST', body });
}

/* Leads. */

export function listBusinessLeads(businessId: string, query: LeadListQuery, signal?: AbortSignal): Promise<Page<LeadSummary>> {
  return apiRequest<Page<LeadSummary>>(`${business(businessId)}/leads`, { query: { ...query }, signal });
}

export function getLead(leadId: string, signal?: AbortSignal): Promise<Lead> {
  return apiRequest<Lead>(`/v1/leads/${encodeURIComponent(leadId)}`, { signal });
}

export function getConsentCertificate(leadId: string, signal?: AbortSignal): Promise<ConsentCertificate> {
  return apiRequest<ConsentCertificate>(`/v1/leads/${encodeURIComponent(leadId)}/consent`, { signal });
}

export function getLeadCounts(businessId: string, from: string, signal?: AbortSignal): Promise<LeadCounts> {
  return apiRequest<LeadCounts>(`${business(businessId)}/lead-counts`, { query: { from }, signal });
}

/* The signed-in person's new-lead emails for this business. */

export function getLeadNotifications(businessId: string, signal?: AbortSignal): Promise<LeadNotificationSettings> {
  return apiRequest<LeadNotificationSettings>(`${business(businessId)}/lead-notifications`, { signal });
}

export function putLeadNotifications(businessId: string, body: LeadNotificationSettings): Promise<LeadNotificationSettings> {
  return apiRequest<LeadNotificationSettings>(`${business(businessId)}/lead-notifications`, { method: 'PUT', body });
}
