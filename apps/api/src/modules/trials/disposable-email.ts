import disposableDomains from 'disposable-email-domains/index.json';
import wildcardDomains from 'disposable-email-domains/wildcard.json';

// The maintained list (disposable-email-domains): exact domains, and domains whose every subdomain is disposable.
const EXACT = new Set<string>(disposableDomains as string[]);
const WILDCARD = new Set<string>(wildcardDomains as string[]);

/** Does the address belong to a throwaway-mailbox service? Subdomains of listed domains count too. */
export function isDisposableEmail(email: string): boolean {
  const at = email.lastIndexOf('@');
  if (at < 0) return false;
  const domain = email.slice(at + 1).trim().toLowerCase().replace(/\.$/, '');
  if (EXACT.has(domain)) return true;
  const labels = domain.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const parent = labels.slice(i).join('.');
    if (WILDCARD.has(parent) || (i > 0 && EXACT.has(parent))) return true;
  }
  return false;
}
