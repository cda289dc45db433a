/** The snippet: `<script src="{APP_URL}/embed/v1.js" data-form="{formId}" [data-target="#css-selector"] async></script>`. */
const EMBED_PATH = '/embed/v1.js';
/** Set on a snippet once it has its form (or can never have one), so no later scan mounts it again. */
export const MOUNTED = 'data-beaker-mounted';

export type MountForm = (host: HTMLElement, base: string, formId: string) => Promise<void>;

export function isEmbedScript(script: HTMLScriptElement): boolean {
  try {
    return script.src !== '' && new URL(script.src).pathname.endsWith(EMBED_PATH);
  } catch {
    return false;
  }
}

/** The API is where the script came from. */
export function apiBaseOf(script: HTMLScriptElement): string {
  return new URL(script.src).origin;
}

/**
 * Mounts a form for every snippet of the page that has none yet: right after the tag, or inside
 * its data-target. `final`: the page is parsed, so a target still missing will not come; say so.
 * Before that, such a tag is left for the next scan. Returns one promise per form mounted.
 */
export function mountEmbedTags(doc: Document, mount: MountForm, final: boolean): Promise<void>[] {
  const mounted: Promise<void>[] = [];
  for (const script of doc.querySelectorAll<HTMLScriptElement>('script[data-form]')) {
    const formId = script.dataset.form?.trim();
    if (script.hasAttribute(MOUNTED) || !formId || !isEmbedScript(script)) continue;
    const place = placeFor(doc, script);
    if (typeof place === 'string') {
      if (!final && place === 'missing') continue;
      console.warn(`Beaker form ${formId}: ${place === 'missing' ? `no element matches data-target="${script.dataset.target}"` : place}`);
      script.setAttribute(MOUNTED, 'failed');
      continue;
    }
    const host = doc.createElement('div');
    host.setAttribute('data-beaker-form', formId);
    place(host);
    script.setAttribute(MOUNTED, '');
    mounted.push(mount(host, apiBaseOf(script), formId));
  }
  return mounted;
}

/** Where the form goes: a function placing it, 'missing' (target not found yet) or why there is no place. */
function placeFor(doc: Document, script: HTMLScriptElement): ((host: HTMLElement) => void) | 'missing' | string {
  const selector = script.dataset.target?.trim();
  if (selector) {
    let target: Element | null;
    try {
      target = doc.querySelector(selector);
    } catch {
      return `data-target="${selector}" is not a valid CSS selector`;
    }
    return target ? (host) => target.append(host) : 'missing';
  }
  if (script.closest('head')) return 'the snippet is in <head>: paste it into <body> where the form goes, or give it a data-target';
  return (host) => script.after(host);
}
