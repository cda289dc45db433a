/**
 * Every error code the API answers with (problem+json `code`), its HTTP status and its title: the
 * one place a code is spelled, besides where it is thrown. The api's error classes take their
 * status and title from here (`defineError('TRIALS.CODE_INVALID')`), its OpenAPI document lists
 * them per route, and the web's screens branch on the same codes (`isApiError(error, 'TRIALS.CODE_INVALID')`).
 *
 * A few framework answers carry a more precise title than the one here (the body parser says
 * "The JSON body is empty" for REQUEST.MALFORMED_BODY); the code and the status are always these.
 */
export const ERROR_CATALOG = {
  // The request itself, before any route's own logic.
  'VALIDATION.FAILED': { status: 400, title: 'The request is not valid' },
  'REQUEST.MALFORMED_BODY': { status: 400, title: 'The request body could not be parsed' },
  'REQUEST.BAD_URL': { status: 400, title: 'The URL is not valid' },
  'REQUEST.PAYLOAD_TOO_LARGE': { status: 413, title: 'The request body is too large' },
  'REQUEST.URL_TOO_LONG': { status: 414, title: 'A part of the URL is too long' },
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': { status: 415, title: 'Unsupported content type' },
  /** Refused by Node's HTTP parser, before Fastify sees a request. */
  'REQUEST.HEADERS_TOO_LARGE': { status: 431, title: 'The request line and headers are too large' },
  'REQUEST.MALFORMED': { status: 400, title: 'The request is not valid HTTP' },
  'REQUEST.TIMEOUT': { status: 408, title: 'The request did not arrive in time' },
  'PAGINATION.INVALID_CURSOR': { status: 400, title: 'The cursor is not valid' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  /** A limit on something that costs money (texts, emails, trials) cannot be checked (Redis down): refused, not allowed blind. */
  'RATE_LIMITS.UNAVAILABLE': { status: 503, title: 'This cannot be done while its limits cannot be checked; try again in a moment' },
  INTERNAL: { status: 500, title: 'Internal server error' },
  // Framework refusals without a code of ours (any other status answers HTTP_<status>).
  BAD_REQUEST: { status: 400, title: 'Bad request' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  CONFLICT: { status: 409, title: 'Conflict' },

  'AUTH.UNAUTHENTICATED': { status: 401, title: 'Authentication required' },
  'AUTH.TOKEN_INVALID': { status: 401, title: 'This sign-in link is not valid' },
  'AUTH.TOKEN_EXPIRED': { status: 401, title: 'This sign-in link has expired' },
  'AUTH.FORBIDDEN': { status: 403, title: 'Forbidden' },
  'AUTH.SUSPENDED': { status: 403, title: 'This account is suspended' },
  'AUTH.EMAIL_NOT_VERIFIED': { status: 403, title: 'Open the link we emailed you to confirm your email address first' },
  'AUTH.CSRF': { status: 403, title: 'Missing or wrong CSRF token' },
  'AUTH.USER_NOT_FOUND': { status: 404, title: 'No such user' },
  'AUTH.NOT_SUSPENDED': { status: 409, title: 'This user is not suspended' },
  'AUTH.ALREADY_SUSPENDED': { status: 409, title: 'This user is already suspended' },
  'AUTH.CANNOT_SUSPEND_SELF': { status: 409, title: 'Staff cannot suspend themselves' },

  'CALLS.TOO_MANY_STREAMS': { status: 429, title: 'You have too many live call views open; close one and try again' },
  'CALLS.STREAMS_FULL': { status: 503, title: 'Live call views are full on this server; the page falls back to refreshing' },

  'TRIALS.INVALID_PHONE': { status: 400, title: 'Enter a valid US or Canadian phone number' },
  'TRIALS.DISPOSABLE_EMAIL': { status: 403, title: 'Trials need a permanent email address' },
  'TRIALS.PHONE_LIMIT': { status: 409, title: 'This phone number has already been used for the maximum number of trials' },
  'TRIALS.USER_LIMIT': { status: 409, title: 'You have used all your trials' },
  'TRIALS.ALREADY_VERIFIED': { status: 409, title: 'This phone number is already verified' },
  'TRIALS.NO_CODE_SENT': { status: 409, title: 'Ask for a verification code first' },
  'TRIALS.CODE_INVALID': { status: 400, title: 'That code is not right' },
  'TRIALS.CODE_EXPIRED': { status: 400, title: 'That code has expired' },
  'TRIALS.VERIFICATION_LOCKED': { status: 429, title: 'Too many wrong codes' },
  'TRIALS.RESEND_TOO_SOON': { status: 429, title: 'A code was sent moments ago' },
  'TRIALS.PHONE_NOT_VERIFIED': { status: 409, title: 'Verify your phone number before the agent calls it' },
  'TRIALS.EXPIRED': { status: 409, title: 'This trial has ended' },
  'TRIALS.CONVERTED': { status: 409, title: 'This trial became a business; call from the dashboard' },
  'TRIALS.CALL_LIMIT_REACHED': { status: 409, title: 'All the calls of this trial are used' },
  'TRIALS.CALL_IN_PROGRESS': { status: 409, title: 'A call of this trial is still going' },
  'TRIALS.NUMBER_BLOCKED': { status: 403, title: 'This number may not be called' },
  'TRIALS.CALL_DEFERRED': { status: 429, title: 'The agent cannot call right now' },
  'TRIALS.BLOCKED': { status: 403, title: 'Trials are not available for this phone number or email address' },
  'TRIALS.BLOCK_EXISTS': { status: 409, title: 'This phone number or email domain is already blocked' },
  'TRIALS.BLOCK_NOT_FOUND': { status: 404, title: 'No such active trial block' },
  'TRIALS.INVALID_BLOCK': { status: 400, title: 'Enter a US or Canadian phone number, or an email domain like example.com' },

  'BILLING.TRIAL_NOT_FOUND': { status: 404, title: 'No such trial' },
  'BILLING.TRIAL_CONVERTED': { status: 409, title: 'This trial already went live' },
  'BILLING.NO_SUBSCRIPTION': { status: 409, title: 'The business has no Stripe subscription' },

  'BUSINESSES.ALREADY_A_MEMBER': { status: 409, title: 'This person is already on the team' },
  'BUSINESSES.LAST_OWNER': { status: 409, title: 'A business needs at least one owner' },
  'BUSINESSES.MEMBER_NOT_FOUND': { status: 404, title: 'No such team member' },
  'BUSINESSES.INVALID_DATE_RANGE': { status: 400, title: 'The date range is not valid' },
  'BUSINESSES.NO_PLAN_OVERRIDE': { status: 409, title: 'This business has no plan override in force' },

  'COMPLIANCE.INVALID_PHONE': { status: 400, title: 'The phone number is not a valid E.164 number' },
  'COMPLIANCE.ALREADY_ON_DNC_LIST': { status: 409, title: 'The number is already on this do-not-call list' },
  'COMPLIANCE.DNC_ENTRY_NOT_FOUND': { status: 404, title: 'No such active do-not-call entry on this list' },
  /** The entry is an opt-out the person made themselves (on a call, or STOP by text): only Beaker staff may take it off. */
  'COMPLIANCE.CONSUMER_OPT_OUT': { status: 403, title: 'This opt-out was made by the person called; only Beaker staff can remove it' },
  'COMPLIANCE.BUSINESS_REQUIRED': { status: 400, title: 'Name the business (businessId) to evaluate for' },
  'COMPLIANCE.INVALID_CONSENT': { status: 400, title: 'The consent evidence is incomplete' },
  'COMPLIANCE.DECISION_NOT_LINKABLE': { status: 409, title: 'This decision did not allow a call, or allowed another one' },
  'COMPLIANCE.UNAVAILABLE': { status: 503, title: 'The compliance check cannot run right now; try again in a moment' },

  'LEADS.INVALID_PHONE': { status: 400, title: 'Enter a valid US or Canadian phone number' },
  'LEADS.ORIGIN_NOT_ALLOWED': { status: 403, title: 'This form does not take submissions from this website' },
  'LEADS.CONSENT_REQUIRED': { status: 400, title: 'Tick the box to agree to be called' },
  'LEADS.FORM_LIMIT': { status: 409, title: 'This business has as many forms as it may have' },

  'IDEMPOTENCY.KEY_REUSED': { status: 422, title: 'This Idempotency-Key was used with a different request' },
  'IDEMPOTENCY.KEY_INVALID': { status: 400, title: 'The Idempotency-Key header is not valid' },

  'WEBHOOKS.INVALID_SIGNATURE': { status: 401, title: 'The webhook signature is not valid' },
  'WEBHOOKS.MALFORMED_PAYLOAD': { status: 400, title: 'The webhook body could not be parsed' },
  'WEBHOOKS.STORE_UNAVAILABLE': { status: 503, title: 'The webhook could not be stored; deliver it again' },
  'WEBHOOKS.EVENT_NOT_FOUND': { status: 404, title: 'No such webhook event' },
  'WEBHOOKS.EVENT_BUSY': { status: 409, title: 'The webhook event is being processed right now' },
  'WEBHOOKS.PAYLOAD_PRUNED': { status: 409, title: 'The webhook event’s payload was deleted by retention; it cannot be processed again' },

  'OUTBOUND_WEBHOOKS.URL_NOT_ALLOWED': { status: 400, title: 'This URL cannot receive webhooks' },
  'OUTBOUND_WEBHOOKS.ENDPOINT_LIMIT': { status: 409, title: 'This business has as many webhook endpoints as it may have' },
  'OUTBOUND_WEBHOOKS.ENDPOINT_DISABLED': { status: 409, title: 'This webhook endpoint is disabled' },

  'MAIL.UNAVAILABLE': { status: 503, title: 'Email could not be sent right now' },

  /** Vapi, Twilio or Stripe cannot be reached or is failing (timeouts, 5xx, 429, a breaker open): try later. */
  'PROVIDERS.UNAVAILABLE': { status: 503, title: 'A provider is unavailable' },
  /** The provider refused the request (4xx): retrying the same request will not help. */
  'PROVIDERS.REJECTED': { status: 502, title: 'A provider refused the request' },

  // The sandbox simulators' own routes (PROVIDERS=sandbox only).
  'SANDBOX.CHECKOUT_NOT_FOUND': { status: 404, title: 'No such sandbox checkout session' },
  'SANDBOX.CHECKOUT_NOT_OPEN': { status: 409, title: 'The checkout session is already paid or expired' },
  'SANDBOX.CUSTOMER_NOT_FOUND': { status: 404, title: 'No such sandbox customer' },
  'SANDBOX.NO_ACTIVE_SUBSCRIPTION': { status: 409, title: 'The customer has no active subscription' },
  'SANDBOX.NUMBER_NOT_FOUND': { status: 404, title: 'No number with this E.164 was imported into the sandbox' },
  'SANDBOX.ASSISTANT_REQUEST_FAILED': { status: 502, title: 'The server did not answer the assistant-request usably' },
} as const satisfies Record<string, ErrorDefinition>;

export interface ErrorDefinition {
  /** The HTTP status of every answer with this code. */
  status: number;
  /** The problem's `title`: short, the same for every answer with this code. */
  title: string;
}

/** A code of the catalog. */
export type ErrorCode = keyof typeof ERROR_CATALOG;

/** What an HTTP error of the framework that has no code of ours is answered with (e.g. `HTTP_406`). */
export type HttpFallbackCode = `HTTP_${number}`;

export const ERROR_CODES = Object.keys(ERROR_CATALOG) as ErrorCode[];

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CATALOG, code);
}
