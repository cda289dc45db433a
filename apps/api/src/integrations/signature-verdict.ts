/** A webhook signature check: valid, or why not (logged with the refused delivery; never the body or a secret). */
export type SignatureVerdict = { valid: true } | { valid: false; reason: string };
