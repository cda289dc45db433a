export interface AvailableNumber {
  e164: string;
  locality?: string;
  region?: string;
}

/** Telephony (Twilio): SMS and phone numbers. */
export abstract class TelephonyPort {
  abstract sendSms(request: { to: string; body: string; from?: string }): Promise<{ sid: string }>;
  /** Numbers for sale, preferring the area code when given. */
  abstract searchAvailableNumbers(request: { areaCode?: string; country: 'US' | 'CA'; limit?: number }): Promise<AvailableNumber[]>;
  abstract buyNumber(request: { e164: string; friendlyName?: string; statusCallbackUrl?: string }): Promise<{ sid: string; e164: string }>;
  abstract releaseNumber(sid: string): Promise<void>;
}
