import { WEBHOOK_EVENT_TYPES } from '@beaker/contracts';

/**
 * The part of the API reference (/docs) about receiving webhooks: what is sent, how it is
 * signed, how to verify it in Node and Python, how deliveries are retried. Markdown.
 */
export const WEBHOOKS_GUIDE = `
## Getting started

1. **Create an API key**: signed in as an owner, \`POST /v1/businesses/{id}/api-keys\` with \`{"name": "My CRM"}\`;
   the key is in that answer only. Send it as \`Authorization: Bearer bk_live_…\`.
2. **Push a lead**: \`POST /v1/leads\` with \`{"phone": "+13055550123", "name": "Jordan Lee", "consent": {…}}\`
   and an \`Idempotency-Key\` header, so a retry never makes a second lead.
3. **Receive webhooks**: \`POST /v1/businesses/{id}/webhook-endpoints\` with
   \`{"url": "https://you.example.com/beaker", "eventTypes": ["lead.created", "lead.called", "call.completed"]}\`.
   Keep the \`secret\` of the answer (\`whsec_…\`): it is shown once. \`POST …/{endpointId}/test\` sends a test event.

Every list answers \`{items, nextCursor}\` (pass \`nextCursor\` back as \`?cursor=\`), and every POST that creates
something takes an \`Idempotency-Key\` (any unique string, e.g. a UUID): for 24 hours a retry with the same key and body
answers the first answer again, with \`Idempotent-Replayed: true\`, and creates nothing more (a new API key's
answer too: the same key); the same key with another body is a 422 \`IDEMPOTENCY.KEY_REUSED\`. Keys are per caller:
an API key's are its own, a person's their own. (\`POST /v1/auth/magic-links\`, signed out, takes none: it creates
nothing a caller sees and answers the same every time.)

## Receiving webhooks

Events: ${WEBHOOK_EVENT_TYPES.map((t) => `\`${t}\``).join(', ')} (and \`webhook.test\`, sent by
\`POST …/webhook-endpoints/{endpointId}/test\`). \`call.completed\` is sent when any call of the business ends, with
its report (\`data.call.status\` says how it ended); the \`lead.*\` events carry the lead (\`data.lead\`) and, for
\`lead.deferred\`, \`data.nextAttemptAt\`. Each is POSTed as JSON:
\`{"id", "type", "created", "apiVersion", "data"}\`, with the headers \`Beaker-Event-Id\`, \`Beaker-Event-Type\` and

    Beaker-Signature: t=1767225600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd

\`v1\` is the hex HMAC-SHA256, keyed with the endpoint's secret, of \`"<t>.<raw body>"\`. After a secret
rotation both secrets sign for 24 hours, so the header carries two \`v1=\`: accept the request if any matches.
Check the raw body (before any JSON parsing) and refuse a \`t\` more than 5 minutes away from your clock.

**Node**

\`\`\`js
const crypto = require('node:crypto');
function verifyBeakerSignature(rawBody, header, secret, toleranceSeconds = 300) {
  const parts = header.split(',').map((p) => p.split('='));
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  const signatures = parts.filter(([k]) => k === 'v1').map(([, v]) => v);
  if (!Number.isFinite(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = crypto.createHmac('sha256', secret).update(\`\${t}.\${rawBody}\`).digest('hex');
  return signatures.some((s) => s.length === expected.length && crypto.timingSafeEqual(Buffer.from(s), Buffer.from(expected)));
}
\`\`\`

**Python**

\`\`\`python
import hashlib, hmac, time

def verify_beaker_signature(raw_body: bytes, header: str, secret: str, tolerance: int = 300) -> bool:
    pairs = [p.split("=", 1) for p in header.split(",") if "=" in p]
    t = next((v for k, v in pairs if k == "t"), None)
    if t is None or not t.isdigit() or abs(time.time() - int(t)) > tolerance:
        return False
    expected = hmac.new(secret.encode(), f"{t}.".encode() + raw_body, hashlib.sha256).hexdigest()
    return any(hmac.compare_digest(v, expected) for k, v in pairs if k == "v1")
\`\`\`

**Delivery.** Answer with a 2xx within 10 seconds; anything else (another status, a redirect — never
followed —, a timeout) is a failure, tried again after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (8 attempts).
Delivery is at least once — use the event \`id\` to ignore a repeat — and **not in order**, not even per endpoint:
order by \`created\` if it matters. An endpoint whose deliveries have all failed for 5 days is disabled and its
owners emailed. Every attempt is in \`GET …/webhook-endpoints/{endpointId}/deliveries\`, and any delivery can be
sent again with \`POST …/deliveries/{deliveryId}/retry\`.
`.trim();
