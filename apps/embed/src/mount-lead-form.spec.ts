import type { PublicLeadForm } from '@beaker/contracts';
import { within } from '@testing-library/dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API, FORM_ID, FORM_URL, SUBMISSIONS_URL, json, networkFailure, publicForm, stubApi } from '../test/fake-api';
import { MESSAGES, mountLeadForm } from './mount-lead-form';
import { REQUEST_TIMEOUT_MS } from './lead-form-api';

type Handlers = Parameters<typeof stubApi>[0];

async function mount(handlers: Handlers) {
  const fetchMock = stubApi(handlers);
  const host = document.createElement('div');
  document.body.append(host);
  await mountLeadForm(host, API, FORM_ID);
  const root = host.shadowRoot as ShadowRoot;
  return { host, root, screen: within(root as unknown as HTMLElement), fetchMock };
}

const mountForm = (form: PublicLeadForm = publicForm(), more: Handlers = {}) => mount({ [`GET ${FORM_URL}`]: () => json(200, form), ...more });

function type(control: HTMLElement, value: string) {
  (control as HTMLInputElement).value = value;
  control.dispatchEvent(new Event('input', { bubbles: true }));
}

type Screen = Awaited<ReturnType<typeof mount>>['screen'];

/** Fills what the default form requires (and a few optional fields). */
function fillRequired(screen: Screen) {
  type(screen.getByRole('textbox', { name: 'Name' }), '  Ada Lovelace ');
  type(screen.getByRole('textbox', { name: 'Phone' }), '+1 (415) 555-0100');
  type(screen.getByRole('textbox', { name: 'Message' }), 'The kitchen sink leaks.');
  (screen.getByRole('combobox', { name: 'Service' }) as HTMLSelectElement).value = 'Repair';
  screen.getByRole('checkbox', { name: publicForm().consentText }).click();
}

const submit = (screen: Screen) => screen.getByRole('button', { name: /^(Send|Sending…)$/ }).click();
const liveRegion = (root: ShadowRoot) => root.querySelector('[role="status"]') as HTMLElement;
const postsOf = (fetchMock: ReturnType<typeof stubApi>) => fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');

afterEach(() => document.body.replaceChildren());

describe('rendering a public form', () => {
  it('asks name, phone, email, message, the custom fields and consent, each with a visible label', async () => {
    const { root, screen } = await mountForm();

    expect(screen.getByRole('form', { name: 'Contact Acme Plumbing' })).toBeTruthy();
    const name = screen.getByRole('textbox', { name: 'Name' }) as HTMLInputElement;
    expect([name.required, name.autocomplete, name.name]).toEqual([true, 'name', 'name']);
    const phone = screen.getByRole('textbox', { name: 'Phone' }) as HTMLInputElement;
    expect([phone.type, phone.required, phone.autocomplete, phone.name]).toEqual(['tel', true, 'tel', 'phone']);
    const email = screen.getByRole('textbox', { name: 'Email' }) as HTMLInputElement;
    expect([email.type, email.required, email.autocomplete]).toEqual(['email', false, 'email']);
    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).required).toBe(true);
    expect(screen.getByRole('textbox', { name: 'Street address' }).getAttribute('name')).toBe('fields.address');
    expect(screen.getByRole('textbox', { name: 'Anything else?' }).tagName).toBe('TEXTAREA');
    expect((screen.getByRole('textbox', { name: 'Billing email' }) as HTMLInputElement).type).toBe('email');
    const service = screen.getByRole('combobox', { name: 'Service' }) as HTMLSelectElement;
    expect([...service.options].map((o) => o.value)).toEqual(['', 'Repair', 'Install']);
    expect(service.required).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'It is urgent' }) as HTMLInputElement).required).toBe(false);
    // The consent checkbox is labelled by exactly the text the lead will be recorded as agreeing to.
    const consent = screen.getByRole('checkbox', { name: publicForm().consentText }) as HTMLInputElement;
    expect(consent.required).toBe(true);
    expect(consent.labels?.[0]?.firstChild?.textContent).toBe(publicForm().consentText);
    expect(screen.getByRole('button', { name: 'Send' }).getAttribute('type')).toBe('submit');
    // Every control a person fills has a <label> shown beside it, and required ones are marked.
    for (const control of root.querySelectorAll<HTMLInputElement>('form input:not([tabindex="-1"]), form select, form textarea')) {
      expect(control.labels?.length, control.name).toBe(1);
      expect(!!control.labels?.[0]?.querySelector('.req'), control.name).toBe(control.required);
    }
  });

  it('leaves out email and message when the form does not ask them, and shows at most 5 custom fields', async () => {
    const custom = Array.from({ length: 6 }, (_, i) => ({ key: `extra_${i}`, label: `Extra ${i}`, type: 'text' as const, required: false }));
    const { screen } = await mountForm(publicForm({ fields: { email: { enabled: false, required: false }, message: { enabled: false, required: false }, custom } }));

    expect(screen.queryByRole('textbox', { name: 'Email' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
    expect(screen.getAllByRole('textbox', { name: /^Extra \d$/ }).map((c) => c.getAttribute('name'))).toEqual(['fields.extra_0', 'fields.extra_1', 'fields.extra_2', 'fields.extra_3', 'fields.extra_4']);
  });

  it('shows what the API sends as text, never as markup', async () => {
    const { root, screen } = await mountForm(publicForm({ businessName: '<b>Acme</b>', consentText: '<img src=x onerror="alert(1)"> I agree' }));

    expect(root.querySelector('img, b')).toBeNull();
    expect(screen.getByRole('checkbox', { name: '<img src=x onerror="alert(1)"> I agree' })).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Contact <b>Acme</b>' })).toBeTruthy();
  });

  it('has a honeypot people never meet: off-screen (not display:none), hidden from assistive technology, out of the tab order', async () => {
    const { root, screen } = await mountForm();

    const trap = root.querySelector('input[name="company_website"]') as HTMLInputElement;
    expect(trap).toBeTruthy();
    expect([trap.tabIndex, trap.getAttribute('autocomplete'), trap.type]).toEqual([-1, 'off', 'text']);
    const box = trap.closest('[aria-hidden="true"]') as HTMLElement;
    expect(box).toBeTruthy();
    expect([box.style.position, box.style.left, box.style.display]).toEqual(['absolute', '-10000px', '']);
    expect(screen.queryByRole('textbox', { name: /empty/i })).toBeNull();
  });

  it('lives in a shadow root with its own stylesheet, out of reach of the page’s selectors', async () => {
    const { host, root } = await mountForm();

    expect(host.shadowRoot).toBe(root);
    expect(document.querySelectorAll('form, input, label')).toHaveLength(0);
    const css = root.adoptedStyleSheets?.length ? [...root.adoptedStyleSheets[0].cssRules].map((r) => r.cssText).join('') : root.querySelector('style')?.textContent;
    expect(css).toContain(':host');
  });
});

describe('when there is no form to show', () => {
  it('says the form is not enabled for this website, naming the origin, when the API says originAllowed=false', async () => {
    const { root, screen } = await mountForm(publicForm({ originAllowed: false }));

    expect(root.querySelector('form')).toBeNull();
    expect(screen.getByText(`This form isn't enabled for this website (${location.origin}). The site owner can allow it in Beaker → Forms.`)).toBeTruthy();
  });

  it('shows the form when the API could not tell the origin (originAllowed=null)', async () => {
    const { screen } = await mountForm(publicForm({ originAllowed: null }));

    expect(screen.getByRole('form')).toBeTruthy();
  });

  it('says the form is no longer available on a 404', async () => {
    const { root, screen } = await mount({ [`GET ${FORM_URL}`]: () => json(404, { status: 404, code: 'NOT_FOUND', title: 'Not Found' }) });

    expect(root.querySelector('form')).toBeNull();
    expect(screen.getByText(MESSAGES.gone)).toBeTruthy();
  });

  it('offers to try again when the form could not be loaded, and moves the focus to the form that then loads', async () => {
    const { root, screen, fetchMock } = await mount({ [`GET ${FORM_URL}`]: [networkFailure, () => json(200, publicForm())] });

    expect(screen.getByText(MESSAGES.loadFailed)).toBeTruthy();
    screen.getByRole('button', { name: 'Try again' }).click();
    await vi.waitFor(() => expect(screen.getByRole('form')).toBeTruthy());
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(root.activeElement).toBe(screen.getByRole('textbox', { name: 'Name' }));
  });

  it('gives up on a form that does not load within the timeout, with the same offer to try again', async () => {
    vi.useFakeTimers();
    try {
      stubApi({ [`GET ${FORM_URL}`]: (init) => new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')))) });
      const host = document.body.appendChild(document.createElement('div'));
      const mounted = mountLeadForm(host, API, FORM_ID);
      await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS - 1);
      expect(host.shadowRoot?.textContent).toContain(MESSAGES.loading);
      await vi.advanceTimersByTimeAsync(1);
      await mounted;
      expect(host.shadowRoot?.textContent).toContain(MESSAGES.loadFailed);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('checking the form before sending', () => {
  it('sends nothing while required fields are empty: each error is beside its field, and the focus goes to the first', async () => {
    const { root, screen, fetchMock } = await mountForm();

    submit(screen);

    expect(postsOf(fetchMock)).toHaveLength(0);
    const invalid = [...root.querySelectorAll('[aria-invalid="true"]')].map((c) => c.getAttribute('name'));
    expect(invalid).toEqual(['name', 'phone', 'message', 'fields.service', 'consent']);
    for (const name of invalid) {
      const control = root.querySelector(`[name="${name}"]`) as HTMLElement;
      const description = root.getElementById(control.getAttribute('aria-describedby') ?? '');
      expect(description?.hidden, name ?? '').toBe(false);
      expect(description?.textContent, name ?? '').toMatch(/required|Choose an option|Tick this box/);
    }
    expect(root.activeElement).toBe(screen.getByRole('textbox', { name: 'Name' }));
    expect(liveRegion(root).textContent).toBe('Not sent: 5 fields need your attention.');

    // The same words again would be no change to the live region, and not announced: they differ by a space.
    submit(screen);
    expect(liveRegion(root).textContent).toBe('Not sent: 5 fields need your attention.\u00a0');
  });

  it('refuses a phone number that cannot be one and a malformed email, focusing the first of them', async () => {
    const { root, screen, fetchMock } = await mountForm();
    fillRequired(screen);
    type(screen.getByRole('textbox', { name: 'Phone' }), 'call me maybe');
    type(screen.getByRole('textbox', { name: 'Email' }), 'ada@');

    submit(screen);

    expect(postsOf(fetchMock)).toHaveLength(0);
    const phone = screen.getByRole('textbox', { name: 'Phone' });
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(root.getElementById(phone.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/valid phone number/);
    expect(screen.getByRole('textbox', { name: 'Email' }).getAttribute('aria-invalid')).toBe('true');
    expect(root.activeElement).toBe(phone);
  });

  it('clears the errors of fields that were corrected', async () => {
    const { root, screen, fetchMock } = await mountForm(publicForm(), { [`POST ${SUBMISSIONS_URL}`]: () => json(202, { leadId: 'lead_1', duplicate: false }) });
    submit(screen);
    fillRequired(screen);

    submit(screen);

    expect(root.querySelectorAll('[aria-invalid], [aria-describedby]')).toHaveLength(0);
    await vi.waitFor(() => expect(postsOf(fetchMock)).toHaveLength(1));
  });
});

describe('sending a lead', () => {
  it('posts exactly the submission: trimmed values, consent, the page, the consent version, custom fields by key, the honeypot', async () => {
    const { screen, fetchMock } = await mountForm(publicForm(), { [`POST ${SUBMISSIONS_URL}`]: () => json(202, { leadId: 'lead_1', duplicate: false }) });
    fillRequired(screen);
    type(screen.getByRole('textbox', { name: 'Email' }), 'ada@example.com');
    type(screen.getByRole('textbox', { name: 'Street address' }), '12 Analytical Row');
    screen.getByRole('checkbox', { name: 'It is urgent' }).click();

    submit(screen);

    await vi.waitFor(() => expect(postsOf(fetchMock)).toHaveLength(1));
    const [url, init] = postsOf(fetchMock)[0];
    expect(url).toBe(SUBMISSIONS_URL);
    expect(init?.headers).toMatchObject({ 'content-type': 'application/json' });
    expect(init?.credentials).toBe('omit');
    expect(JSON.parse(String(init?.body))).toStrictEqual({
      name: 'Ada Lovelace',
      phone: '+1 (415) 555-0100',
      email: 'ada@example.com',
      message: 'The kitchen sink leaks.',
      consent: true,
      pageUrl: location.href,
      consentVersion: 3,
      fields: { address: '12 Analytical Row', service: 'Repair', urgent: true },
      company_website: '',
    });
  });

  it('sends what a bot typed into the honeypot, for the API to refuse quietly', async () => {
    const { root, screen, fetchMock } = await mountForm(publicForm(), { [`POST ${SUBMISSIONS_URL}`]: () => json(202, { leadId: 'lead_1', duplicate: false }) });
    fillRequired(screen);
    type(root.querySelector('input[name="company_website"]') as HTMLInputElement, 'http://spam.example');

    submit(screen);

    await vi.waitFor(() => expect(postsOf(fetchMock)).toHaveLength(1));
    expect(JSON.parse(String(postsOf(fetchMock)[0][1]?.body)).company_website).toBe('http://spam.example');
  });

  it('replaces the form with the thank-you message on 202, focuses it and announces it', async () => {
    const { root, screen } = await mountForm(publicForm(), { [`POST ${SUBMISSIONS_URL}`]: () => json(202, { leadId: 'lead_1', duplicate: false, thankYouMessage: 'We are calling you now.' }) });
    fillRequired(screen);

    submit(screen);

    await vi.waitFor(() => expect(screen.getByText('We are calling you now.')).toBeTruthy());
    expect(root.querySelector('form')).toBeNull();
    expect(root.activeElement).toBe(screen.getByText('We are calling you now.'));
    expect(liveRegion(root).textContent).toBe(MESSAGES.sent);
  });

  it('falls back to the form’s thank-you message when the 202 has none (a duplicate, say)', async () => {
    const { screen } = await mountForm(publicForm(), { [`POST ${SUBMISSIONS_URL}`]: () => json(202, { leadId: 'lead_1', duplicate: true }) });
    fillRequired(screen);

    submit(screen);

    await vi.waitFor(() => expect(screen.getByText(publicForm().thankYouMessage)).toBeTruthy());
  });

  it('sends once however often the button is pressed while sending, and says it is sending', async () => {
    let answer: (response: Response) => void = () => undefined;
    const { root, screen, fetchMock } = await mountForm(publicForm(), { [`POST ${SUBMISSIONS_URL}`]: () => new Promise<Response>((resolve) => (answer = resolve)) });
    fillRequired(screen);

    submit(screen);
    submit(screen);
    submit(screen);

    const button = screen.getByRole('button', { name: 'Sending…' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(liveRegion(root).textContent).toBe(MESSAGES.sending);
    expect(postsOf(fetchMock)).toHaveLength(1);
    answer(json(403, { status: 403, code: 'LEADS.ORIGIN_NOT_ALLOWED', title: 'Forbidden', detail: 'Not allowed here.' }));
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Send' }).getAttribute('aria-disabled')).toBe('false'));
  });
});

describe('when the API refuses', () => {
  it('shows a 422’s field errors beside their fields (custom ones as fields.<key>) and focuses the first', async () => {
    const problem = {
      type: 'https://beaker.dev/problems/validation',
      title: 'Validation failed',
      status: 422,
      code: 'VALIDATION.FAILED',
      detail: 'phone: must be a valid phone number; fields.service: must be one of the options',
      errors: [
        { field: 'fields.service', code: 'FIELD.INVALID', message: 'Choose one of the listed services.' },
        { field: 'phone', messages: ['This number cannot receive calls.'] },
      ],
    };
    const { root, screen } = await mountForm(publicForm(), { [`POST ${SUBMISSIONS_URL}`]: () => json(422, problem) });
    fillRequired(screen);

    submit(screen);

    const phone = screen.getByRole('textbox', { name: 'Phone' });
    await vi.waitFor(() => expect(phone.getAttribute('aria-invalid')).toBe('true'));
    expect(root.getElementById(phone.getAttribute('aria-describedby') ?? '')?.textContent).toBe('This number cannot receive calls.');
    const service = screen.getByRole('combobox', { name: 'Service' });
    expect(root.getElementById(service.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Choose one of the listed services.');
    expect(root.activeElement).toBe(phone);
    expect(liveRegion(root).textContent).toBe('Not sent: 2 fields need your attention.');
    expect(screen.getByRole('button', { name: 'Send' }).getAttribute('aria-disabled')).toBe('false');
  });

  it('shows a 403’s detail above the button and announces it', async () => {
    const detail = 'This form only accepts submissions from https://acme.example.';
    const { root, screen } = await mountForm(publicForm(), { [`POST ${SUBMISSIONS_URL}`]: () => json(403, { type: 'about:blank', title: 'Forbidden', status: 403, code: 'LEADS.ORIGIN_NOT_ALLOWED', detail }) });
    fillRequired(screen);

    submit(screen);

    await vi.waitFor(() => expect(root.querySelector('.form-error')?.textContent).toBe(detail));
    expect((root.querySelector('.form-error') as HTMLElement).hidden).toBe(false);
    expect(liveRegion(root).textContent).toBe(detail);
    expect(root.querySelector('form')).toBeTruthy();
  });

  it('says when to try again after a 429 (Retry-After)', async () => {
    const { root, screen } = await mountForm(publicForm(), {
      [`POST ${SUBMISSIONS_URL}`]: () => json(429, { title: 'Too Many Requests', status: 429, code: 'RATE_LIMITED', detail: 'Too many submissions from this address.' }, { 'retry-after': '30' }),
    });
    fillRequired(screen);

    submit(screen);

    await vi.waitFor(() => expect(root.querySelector('.form-error')?.textContent).toBe('Too many submissions from this address. Try again in 30 seconds.'));
  });

  it('gives the error id of a 500, and the title when there is no detail', async () => {
    const { root, screen } = await mountForm(publicForm(), { [`POST ${SUBMISSIONS_URL}`]: () => json(500, { title: 'Internal Server Error', status: 500, code: 'INTERNAL', errorId: 'err_42' }) });
    fillRequired(screen);

    submit(screen);

    await vi.waitFor(() => expect(root.querySelector('.form-error')?.textContent).toBe('Internal Server Error (Reference: err_42)'));
  });

  it('says the request could not be sent from this page when no response comes (offline, or a CORS refusal)', async () => {
    const { root, screen } = await mountForm(publicForm(), { [`POST ${SUBMISSIONS_URL}`]: networkFailure });
    fillRequired(screen);

    submit(screen);

    await vi.waitFor(() => expect(root.querySelector('.form-error')?.textContent).toBe(MESSAGES.sendFailed));
    expect(MESSAGES.sendFailed).toMatch(/^Your request couldn't be sent from this page\./);
    expect(liveRegion(root).textContent).toBe(MESSAGES.sendFailed);
  });
});
