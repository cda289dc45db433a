type Attributes = Record<string, string | number | boolean | null | undefined>;

/**
 * Creates an element. Attributes: `true` sets an empty one, `false`/null/undefined none. Children
 * given as strings become text nodes: what the API sends (labels, consent text, messages) is never
 * parsed as HTML.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  element.append(...children);
  return element;
}
