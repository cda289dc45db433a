import { within } from '@testing-library/dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API, json, publicForm, stubApi } from '../test/fake-api';

/** Runs the entry as the browser runs /embed/v1.js: once per <script> tag that loads it. */
async function runScript() {
  vi.resetModules();
  await import('./v1');
}

const formsOnPage = () => [...document.querySelectorAll('[data-beaker-form]')];

beforeEach(() => {
  delete window.BeakerForms;
  document.body.innerHTML = `<p>Call us</p><script src="${API}/embed/v1.js" data-form="form_a" async></script><div id="spa-root"></div><script src="${API}/embed/v1.js" data-form="form_b" async></script>`;
  stubApi({
    [`GET ${API}/v1/forms/form_a`]: () => json(200, publicForm({ id: 'form_a', businessName: 'Acme Plumbing' })),
    [`GET ${API}/v1/forms/form_b`]: () => json(200, publicForm({ id: 'form_b', businessName: 'Acme Heating' })),
    [`GET ${API}/v1/forms/form_spa`]: () => json(200, publicForm({ id: 'form_spa', businessName: 'Acme Cooling' })),
  });
});

afterEach(() => {
  delete window.BeakerForms;
  document.body.replaceChildren();
});

describe('/embed/v1.js', () => {
  it('defines window.BeakerForms and no other global', async () => {
    const before = new Set(Object.keys(window));

    await runScript();

    expect(Object.keys(window).filter((key) => !before.has(key))).toEqual(['BeakerForms']);
    expect(window.BeakerForms?.version).toBe(1);
  });

  it('mounts every snippet of the page, once, when it runs once per snippet', async () => {
    await runScript();
    const first = window.BeakerForms;
    await runScript();

    expect(window.BeakerForms).toBe(first);
    expect(formsOnPage().map((host) => host.getAttribute('data-beaker-form'))).toEqual(['form_a', 'form_b']);
    await vi.waitFor(() => expect(formsOnPage().map((host) => within(host.shadowRoot as unknown as HTMLElement).getByRole('form').getAttribute('aria-label'))).toEqual(['Contact Acme Plumbing', 'Contact Acme Heating']));
  });

  it('lets a single-page app mount a form into an element of its own, once per element', async () => {
    await runScript();
    const target = document.getElementById('spa-root') as HTMLElement;

    const mounted = window.BeakerForms?.mount(target, 'form_spa');
    expect(window.BeakerForms?.mount(target, 'form_spa')).toBe(mounted);
    await mounted;

    expect(target.querySelectorAll('[data-beaker-form]')).toHaveLength(1);
    expect(within(target.firstElementChild?.shadowRoot as unknown as HTMLElement).getByRole('form', { name: 'Contact Acme Cooling' })).toBeTruthy();
  });
});
