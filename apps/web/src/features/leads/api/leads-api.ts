import type {
  ConsentCertificate,
  Lead,
  LeadAccepted,
  LeadCounts,
  LeadForm,
  LeadFormInput,
  LeadFormPage,
  LeadFormSubmission,
  LeadListQuery,
  LeadNotificationSettings,
  LeadSummary,
  Page,
  PageQuery,
} from '@beaker/contracts';
import { api, call, csrfHeader } from '../../../lib/api-client';

const business = (id: string) => ({ path: { id } });
const form = (id: string, formId: string) => ({ path: { id, formId } });

/* Forms (the owner's side). */

/** A page of the business's forms, newest first (`{items, nextCursor}`). */
export function listLeadForms(businessId: string, query: PageQuery, signal?: AbortSignal): Promise<LeadFormPage> {
  return call(api.GET('/v1/businesses/{id}/forms', { params: { ...business(businessId), query }, signal }));
}

export function getLeadForm(businessId: string, formId: string, signal?: AbortSignal): Promise<LeadForm> {
  return call(api.GET('/v1/businesses/{id}/forms/{formId}', { params: form(businessId, formId), signal }));
}

export function createLeadForm(businessId: string, body: LeadFormInput): Promise<LeadForm> {
  return call(api.POST('/v1/businesses/{id}/forms', { params: { ...business(businessId), header: csrfHeader() }, body }));
}

export function updateLeadForm(businessId: string, formId: string, body: Partial<LeadFormInput>): Promise<LeadForm> {
  return call(api.PATCH('/v1/businesses/{id}/forms/{formId}', { params: { ...form(businessId, formId), header: csrfHeader() }, body }));
}

export function deleteLeadForm(businessId: string, formId: string): Promise<void> {
  return call(api.DELETE('/v1/businesses/{id}/forms/{formId}', { params: { ...form(businessId, formId), header: csrfHeader() } }));
}

/**
 * The public submission path the embed script uses, sent from the dashboard's own origin (which
 * every form allows): "Send a test lead" goes through exactly what a visitor's submission does.
 */
export function submitLeadForm(formId: string, body: LeadFormSubmission): Promise<LeadAccepted> {
  return call(api.POST('/v1/forms/{formId}/submissions', { params: { path: { formId }, header: { Origin: window.location.origin } }, body }));
}

/* Leads. */

export function listBusinessLeads(businessId: string, query: LeadListQuery, signal?: AbortSignal): Promise<Page<LeadSummary>> {
  return call(api.GET('/v1/businesses/{id}/leads', { params: { ...business(businessId), query }, signal }));
}

export function getLead(leadId: string, signal?: AbortSignal): Promise<Lead> {
  return call(api.GET('/v1/leads/{id}', { params: { path: { id: leadId } }, signal }));
}

export function getConsentCertificate(leadId: string, signal?: AbortSignal): Promise<ConsentCertificate> {
  return call(api.GET('/v1/leads/{id}/consent', { params: { path: { id: leadId } }, signal }));
}

export function getLeadCounts(businessId: string, from: string, signal?: AbortSignal): Promise<LeadCounts> {
  return call(api.GET('/v1/businesses/{id}/lead-counts', { params: { ...business(businessId), query: { from } }, signal }));
}

/* The signed-in person's new-lead emails for this business. */

export function getLeadNotifications(businessId: string, signal?: AbortSignal): Promise<LeadNotificationSettings> {
  return call(api.GET('/v1/businesses/{id}/lead-notifications', { params: business(businessId), signal }));
}

export function putLeadNotifications(businessId: string, body: LeadNotificationSettings): Promise<LeadNotificationSettings> {
  return call(api.PUT('/v1/businesses/{id}/lead-notifications', { params: { ...business(businessId), header: csrfHeader() }, body }));
}
