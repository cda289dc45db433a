import { apiBaseOf, isEmbedScript, mountEmbedTags } from './embed-tags';
import { mountLeadForm } from './mount-lead-form';

/** The one global the script defines. */
export interface BeakerForms {
  version: 1;
  /** Renders the form `formId` inside `element` (for pages that build their DOM later, like SPAs). Once per element. */
  mount(element: Element, formId: string): Promise<void>;
}

declare global {
  interface Window {
    BeakerForms?: BeakerForms;
  }
}

/**
 * Entry of /embed/v1.js. The snippet is `async`, so document.currentScript is null: the script finds
 * its snippets by their src. Several snippets load it several times; each run mounts what is not
 * mounted yet, and the first run's window.BeakerForms stays.
 */
function start(): void {
  const current = document.currentScript;
  const ownScript = current instanceof HTMLScriptElement && isEmbedScript(current) ? current : [...document.scripts].find(isEmbedScript);
  const mountedElements = new WeakMap<Element, Promise<void>>();
  const report = (formId: string) => (error: unknown) => console.error(`Beaker form ${formId}:`, error);

  window.BeakerForms ??= {
    version: 1,
    mount(element, formId) {
      const already = mountedElements.get(element);
      if (already) return already;
      if (!ownScript) return Promise.reject(new Error('Beaker forms: load the script from {APP_URL}/embed/v1.js so it knows its API'));
      const host = document.createElement('div');
      host.setAttribute('data-beaker-form', formId);
      element.append(host);
      const mounted = mountLeadForm(host, apiBaseOf(ownScript), formId);
      mountedElements.set(element, mounted);
      mounted.catch(report(formId));
      return mounted;
    },
  };

  const scan = (final: boolean) => void mountEmbedTags(document, (host, base, formId) => mountLeadForm(host, base, formId).catch(report(formId)), final);
  if (document.readyState === 'loading') {
    scan(false);
    document.addEventListener('DOMContentLoaded', () => scan(true), { once: true });
  } else scan(true);
}

start();
