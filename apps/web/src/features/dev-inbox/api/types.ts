// TODO(contracts): move to libs/contracts once the SMS sandbox (phone verification) publishes its type.
/** An item of GET /v1/sandbox/messages?to=E164 (sandbox mode only), newest first. */
export interface SandboxMessage {
  id: string;
  to: string;
  from: string;
  body: string;
  sentAt: string;
}
