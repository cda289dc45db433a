import { Injectable } from '@nestjs/common';
import { OPEN_CALL_STATUSES } from '@beaker/contracts';
import { Database, type Tx } from '../../../database/database';
import { ReadModel } from '../../../database/read-model';
import { consentStateOf, type ConsentState } from '../consent-state';
import type { BusinessSettings, CallHistory, DoNotCallStatus, WeeklyHours } from '../engine';

/**
 * The facts the engine needs about one number (and business) at one instant, read in ONE round
 * trip: do-not-call lists, consent, call history for the velocity caps, business settings.
 */

/** `businesses.compliance_settings`: what a business may tighten (never loosen). */
export interface BusinessComplianceSettings {
  /** The business's own calling hours, read in `businesses.timezone` (else on the called party's clock). */
  callingHours?: WeeklyHours;
  /** Outbound calls the business places per minute (default 30). */
  maxCallsPerMinute?: number;
}

export const DEFAULT_MAX_CALLS_PER_MINUTE = 30;
/**
 * An allowed decision whose call row does not exist yet counts as a call this long (the owner
 * creates the call within moments); linking the decision to the call ends the double count.
 */
export const PENDING_ALLOW_WINDOW_SECONDS = 120;
/**
 * Calls on the voice provider: ours in initiated/ringing/in_progress, created within the last
 * hour (a call whose end never reached us is reconciled within minutes; the bound keeps a lost
 * one from holding a slot forever).
 */
export const OPEN_CALL_WINDOW_SECONDS = 3600;

export interface ComplianceFacts {
  dnc: DoNotCallStatus;
  consent: ConsentState & { lastGrantId: string | null };
  history: CallHistory;
  /** Undefined without a business; businessFound false when the id names none. */
  business?: BusinessSettings;
  businessFound: boolean;
  /** When asked for a user: is that user a member of the business (the dry-run endpoint's access check, in the same round trip). */
  isMember: boolean | null;
}

interface FactsRow {
  onBeakerList: boolean;
  onBusinessList: boolean;
  lastGrantAt: Date | null;
  lastRevocationAt: Date | null;
  lastGrantId: string | null;
  callsToNumber: Date[] | null;
  businessCallsLastMinute: number;
  providerActiveCalls: number;
  businessFound: boolean;
  isMember: boolean | null;
  timezone: string | null;
  settings: BusinessComplianceSettings | null;
}

// $1 phone (E.164), $2 business id or null, $3 the instant evaluated, $4 a user whose membership to check, or null,
// $5 the ids of decisions in flight (ProviderCallSlots): the caller counts them, so the provider count leaves them (and their calls) out,
// $6 true for a dry run seen by a business (its members, its API keys): only what is the business's own is read (see FactsScope).
const FACTS_SQL = `
SELECT
  EXISTS (SELECT 1 FROM dnc_entries WHERE phone_e164 = $1 AND removed_at IS NULL AND business_id IS NULL
            AND (NOT $6::boolean OR source NOT IN ('in_call_opt_out', 'sms_stop'))) AS "onBeakerList",
  ($2::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM dnc_entries WHERE phone_e164 = $1 AND removed_at IS NULL AND business_id = $2::uuid)) AS "onBusinessList",
  consent."lastGrantAt", consent."lastRevocationAt", consent."lastGrantId",
  ARRAY(
    SELECT created_at FROM calls
     WHERE to_e164 = $1 AND direction <> 'inbound' AND created_at > $3::timestamptz - interval '24 hours'
       AND (NOT $6::boolean OR business_id = $2::uuid)
    UNION ALL
    SELECT evaluated_at FROM compliance_decisions
     WHERE phone_e164 = $1 AND decision = 'allow' AND call_id IS NULL AND outcome IS NULL
       AND evaluated_at > $3::timestamptz - make_interval(secs => ${PENDING_ALLOW_WINDOW_SECONDS})
       AND (NOT $6::boolean OR business_id = $2::uuid)
  ) AS "callsToNumber",
  CASE WHEN $2::uuid IS NULL THEN 0 ELSE (
    (SELECT count(*) FROM calls WHERE business_id = $2::uuid AND direction <> 'inbound' AND created_at > $3::timestamptz - interval '60 seconds')
    + (SELECT count(*) FROM compliance_decisions WHERE business_id = $2::uuid AND decision = 'allow' AND call_id IS NULL AND outcome IS NULL
        AND evaluated_at > $3::timestamptz - interval '60 seconds')
  ) END::int AS "businessCallsLastMinute",
  (
    (SELECT count(*) FROM calls c WHERE c.status IN (${OPEN_CALL_STATUSES.map((s) => `'${s}'`).join(', ')})
       AND c.created_at > $3::timestamptz - make_interval(secs => ${OPEN_CALL_WINDOW_SECONDS})
       AND (cardinality($5::uuid[]) = 0
            OR NOT EXISTS (SELECT 1 FROM compliance_decisions d WHERE d.call_id = c.id AND d.id = ANY($5::uuid[]))))
    + (SELECT count(*) FROM compliance_decisions WHERE decision = 'allow' AND call_id IS NULL AND outcome IS NULL
       AND evaluated_at > $3::timestamptz - make_interval(secs => ${PENDING_ALLOW_WINDOW_SECONDS}) AND id <> ALL($5::uuid[]))
  )::int AS "providerActiveCalls",
  (b.id IS NOT NULL) AS "businessFound",
  CASE WHEN $4::uuid IS NULL THEN NULL
       ELSE EXISTS (SELECT 1 FROM business_members WHERE business_id = $2::uuid AND user_id = $4::uuid) END AS "isMember",
  b.timezone,
  b.compliance_settings AS settings
FROM (
  SELECT max(captured_at) FILTER (WHERE kind = 'grant') AS "lastGrantAt",
         max(GREATEST(captured_at, created_at)) FILTER (WHERE kind = 'revocation') AS "lastRevocationAt",
         (array_agg(id ORDER BY captured_at DESC, created_at DESC) FILTER (WHERE kind = 'grant'))[1] AS "lastGrantId"
    FROM consent_records
   WHERE phone_e164 = $1 AND (business_id = $2::uuid OR ($2::uuid IS NULL AND business_id IS NULL))
) consent
LEFT JOIN businesses b ON b.id = $2::uuid`;

/**
 * Read model: what the engine must know about one number (and business) at one instant, in ONE
 * round trip: our do-not-call lists, consent ledger and decisions, beside the calls module's
 * `calls` (history, provider concurrency), the businesses module's `businesses` (time zone,
 * settings) and the auth module's `business_members` (the dry run's access check). A named
 * prepared statement: planned once per connection (the plan costs more than the eight index
 * probes), on the caller's transaction when it passes one.
 */
/**
 * What a load may read. `all`: everything that decides a real call (the checks before calls, and
 * staff's dry runs). `business`: a dry run seen by a business — its members or its API keys —
 * which must not learn what other businesses and Beaker's trials did with the number: the calls
 * counted are the business's own, and Beaker's list leaves out the opt-outs people made themselves
 * (on trial calls and texts); Beaker's own listings (staff's) still count, as they do for every call.
 */
export type FactsScope = 'all' | 'business';

@ReadModel({ reads: ['dnc_entries', 'consent_records', 'compliance_decisions', 'calls', 'businesses', 'business_members'] })
@Injectable()
export class ComplianceFactsReadModel {
  constructor(private readonly db: Database) {}

  async load(
    phone: string,
    businessId: string | null,
    at: Date,
    memberUserId: string | null = null,
    decisionsInFlight: readonly string[] = [],
    tx?: Tx,
    scope: FactsScope = 'all',
  ): Promise<ComplianceFacts> {
    if (scope === 'business' && !businessId) throw new Error('a business-scoped load needs the business');
    const { rows } = await this.db.prepared<FactsRow>('compliance-facts-v4', FACTS_SQL, [phone, businessId, at, memberUserId, decisionsInFlight, scope === 'business'], tx);
    return factsOf(rows[0], businessId);
  }
}

function factsOf(row: FactsRow, businessId: string | null): ComplianceFacts {
  const settings = row.settings ?? {};
  const business: BusinessSettings | undefined = businessId
    ? {
        ...(row.timezone ? { timezone: row.timezone } : {}),
        ...(settings.callingHours ? { hours: settings.callingHours } : {}),
        // A malformed stored value is handed on as is: the engine blocks on bad input rather than guess.
        maxCallsPerMinute: settings.maxCallsPerMinute === undefined ? DEFAULT_MAX_CALLS_PER_MINUTE : settings.maxCallsPerMinute,
      }
    : undefined;
  return {
    dnc: { onBeakerList: row.onBeakerList, onBusinessList: row.onBusinessList },
    consent: { ...consentStateOf(row.lastGrantAt, row.lastRevocationAt), lastGrantId: row.lastGrantId },
    history: {
      callsToNumberLast24h: (row.callsToNumber ?? []).map((at) => ({ at: new Date(at) })),
      businessCallsLastMinute: row.businessCallsLastMinute,
      providerActiveCalls: row.providerActiveCalls,
    },
    business,
    businessFound: row.businessFound,
    isMember: row.isMember,
  };
}
