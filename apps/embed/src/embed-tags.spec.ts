import { within } from '@testing-library/dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API, json, publicForm, stubApi } from '../test/fake-api';
import { MOUNTED, mountEmbedTags, type MountForm } from './embed-tags';
import { mountLeadForm } from './mount-lead-form';

const snippet = (formId: string, extra = '', src = `${API}/embed/v1.js`) => `<script src="${src}" data-form="${formId}" ${extra} async></script>`;
const formOf = (host: Element | null | undefined) => within(host?.shadowRoot as unknown as HTMLElement);

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
});

describe('finding the snippets on a page', () => {
  it('mounts one form right after each snippet, each from its own form, the API being where the script came from', async () => {
    document.body.innerHTML = `<main><h2>Plumbing</h2>${snippet('form_a')}<h2>Heating</h2>${snippet('form_b')}<footer></footer></main>`;
    const fetchMock = stubApi({
      [`GET ${API}/v1/forms/form_a`]: () => json(200, publicForm({ id: 'form_a', businessName: 'Acme Plumbing' })),
      [`GET ${API}/v1/forms/form_b`]: () => json(200, publicForm({ id: 'form_b', businessName: 'Acme Heating' })),
    });

    await Promise.all(mountEmbedTags(document, mountLeadForm, true));

    const [first, second] = document.querySelectorAll('script[data-form]');
    expect(first.nextElementSibling?.getAttribute('data-beaker-form')).toBe('form_a');
    expect(second.nextElementSibling?.getAttribute('data-beaker-form')).toBe('form_b');
    expect(formOf(first.nextElementSibling).getByRole('form', { name: 'Contact Acme Plumbing' })).toBeTruthy();
    expect(formOf(second.nextElementSibling).getByRole('form', { name: 'Contact Acme Heating' })).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('mounts each snippet once, however often the script runs (one run per snippet on the page)', async () => {
    document.body.innerHTML = snippet('form_a') + snippet('form_b');
    const mount = vi.fn<MountForm>(async () => undefined);

    const first = mountEmbedTags(document, mount, true);
    const second = mountEmbedTags(document, mount, true);

    expect([first.length, second.length]).toEqual([2, 0]);
    expect(document.querySelectorAll('[data-beaker-form]')).toHaveLength(2);
    expect([...document.querySelectorAll('script')].map((s) => s.getAttribute(MOUNTED))).toEqual(['', '']);
  });

  it('puts the form inside data-target, waiting for the target while the page is still being parsed', async () => {
    document.body.innerHTML = snippet('form_a', 'data-target="#contact-form"');
    const mount = vi.fn<MountForm>(async () => undefined);

    expect(mountEmbedTags(document, mount, false)).toHaveLength(0);
    document.body.insertAdjacentHTML('beforeend', '<section id="contact-form"></section>');
    expect(mountEmbedTags(document, mount, true)).toHaveLength(1);

    expect(document.querySelector('#contact-form > [data-beaker-form="form_a"]')).toBeTruthy();
    expect(mount).toHaveBeenCalledWith(document.querySelector('[data-beaker-form]'), API, 'form_a');
  });

  it('says why, in the console, when a snippet has no place for its form', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    document.head.innerHTML = snippet('in_head');
    document.body.innerHTML = snippet('missing', 'data-target="#nowhere"') + snippet('broken', 'data-target="#("');
    const mount = vi.fn<MountForm>(async () => undefined);

    expect(mountEmbedTags(document, mount, true)).toHaveLength(0);

    expect(mount).not.toHaveBeenCalled();
    expect(warn.mock.calls.map(([message]) => message)).toEqual([
      expect.stringMatching(/^Beaker form in_head: the snippet is in <head>/),
      'Beaker form missing: no element matches data-target="#nowhere"',
      'Beaker form broken: data-target="#(" is not a valid CSS selector',
    ]);
  });

  it('ignores other scripts with a data-form attribute, and snippets without a form id', () => {
    document.body.innerHTML = snippet('theirs', '', 'https://cdn.example/forms.js') + snippet('') + snippet('form_a', '', 'https://eu.beaker.test/embed/v1.js?cache=1');
    const mount = vi.fn<MountForm>(async () => undefined);

    mountEmbedTags(document, mount, true);

    expect(mount.mock.calls.map(([, base, formId]) => [base, formId])).toEqual([['https://eu.beaker.test', 'form_a']]);
  });
});
