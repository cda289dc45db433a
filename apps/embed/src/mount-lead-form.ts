import type { PublicLeadForm } from '@beaker/contracts';
import { el } from './dom';
import { loadPublicForm, submitLead, type Problem } from './lead-form-api';
import { fieldsOf, submissionOf, validateFields, type FieldError } from './lead-form-fields';
import { buildLeadFormView } from './lead-form-view';
import { STYLESHEET } from './styles';

/** What the form says when it cannot do its job; tests and the README quote these. */
export const MESSAGES = {
  loading: 'Loading the form…',
  gone: 'This form is no longer available.',
  loadFailed: "The form couldn't be loaded. Check your connection and try again.",
  originRefused: (origin: string) => `This form isn't enabled for this website (${origin}). The site owner can allow it in Beaker → Forms.`,
  sending: 'Sending…',
  sent: 'Your request was sent.',
  sendFailed: "Your request couldn't be sent from this page. Check your connection and try again.",
  fieldsToFix: (count: number) => (count === 1 ? 'Not sent: one field needs your attention.' : `Not sent: ${count} fields need your attention.`),
  thanks: 'Thank you! We will be in touch shortly.',
} as const;

const FOCUSABLE = 'input:not([tabindex="-1"]), select, textarea, button, [tabindex="-1"]:not(input)';

/**
 * Renders the form `formId` of the API at `base` in a shadow root of `host`, then handles its
 * submission. Resolves once the form, or the message saying why there is none, is shown.
 */
export async function mountLeadForm(host: HTMLElement, base: string, formId: string): Promise<void> {
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root);
  const content = el('div', { class: 'bf' });
  // Present (and empty) from the start: screen readers announce changes, not a region that appears.
  const live = el('p', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  root.append(content, live);
  const announce = (text: string) => {
    // The same words twice in a row (a second submit with the same fields missing) would be no
    // change, and not announced.
    live.textContent = live.textContent === text ? `${text}\u00a0` : text;
  };
  const show = (...nodes: Node[]) => content.replaceChildren(...nodes);
  const notice = (text: string) => el('p', { tabindex: '-1' }, text);

  async function load(askedByPerson: boolean): Promise<void> {
    show(el('p', { class: 'muted' }, MESSAGES.loading));
    const result = await loadPublicForm(base, formId);
    if (result.kind === 'gone') show(notice(MESSAGES.gone));
    else if (result.kind === 'unreachable') {
      const retry = el('button', { type: 'button' }, 'Try again');
      retry.addEventListener('click', () => void load(true));
      show(notice(MESSAGES.loadFailed), retry);
    } else if (result.form.originAllowed === false) show(notice(MESSAGES.originRefused(location.origin)));
    else showForm(result.form);
    // A person who pressed "Try again" keeps their place: the focus goes to what replaced the button.
    if (askedByPerson) content.querySelector<HTMLElement>(FOCUSABLE)?.focus();
  }

  function showForm(form: PublicLeadForm): void {
    const specs = fieldsOf(form);
    const view = buildLeadFormView(form, specs);
    let sending = false;
    view.form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!sending) void send();
    });
    show(view.form);

    const refuse = (errors: FieldError[]) => {
      const { firstInvalid } = view.showErrors(errors);
      firstInvalid?.focus();
      announce(MESSAGES.fieldsToFix(errors.length));
    };

    async function send(): Promise<void> {
      view.clearErrors();
      const values = view.values();
      const errors = validateFields(specs, values);
      if (errors.length > 0) return refuse(errors);
      sending = true;
      view.setSending(true);
      announce(MESSAGES.sending);
      const result = await submitLead(base, formId, submissionOf(form, specs, values, location.href, view.honeypotValue()));
      sending = false;
      view.setSending(false);
      if (result.kind === 'accepted') {
        const thanks = el('p', { class: 'thanks', tabindex: '-1' }, result.accepted.thankYouMessage || form.thankYouMessage || MESSAGES.thanks);
        show(thanks);
        thanks.focus();
        announce(MESSAGES.sent);
        return;
      }
      if (result.kind === 'unreachable') {
        view.showFormError(MESSAGES.sendFailed);
        announce(MESSAGES.sendFailed);
        return;
      }
      const fieldErrors = (result.problem.errors ?? []).map((e) => ({ field: e.field, message: e.message ?? e.messages?.join(' ') ?? 'This value was not accepted.' }));
      const { unplaced, firstInvalid } = view.showErrors(fieldErrors);
      if (firstInvalid) {
        firstInvalid.focus();
        announce(MESSAGES.fieldsToFix(fieldErrors.length - unplaced.length));
        if (unplaced.length > 0) view.showFormError(unplaced.map((e) => `${e.field}: ${e.message}`).join(' '));
        return;
      }
      const text = problemText(result.problem, result.retryAfterSeconds);
      view.showFormError(text);
      announce(text);
    }
  }

  await load(false);
}

/** The problem in the person's words: its detail (or title), when to try again, the error id support asks for. */
function problemText(problem: Problem, retryAfterSeconds: number | null): string {
  const parts = [problem.detail || problem.title || `The request was refused (HTTP ${problem.status}).`];
  if (retryAfterSeconds !== null) parts.push(retryAfterSeconds < 90 ? `Try again in ${retryAfterSeconds} seconds.` : `Try again in about ${Math.ceil(retryAfterSeconds / 60)} minutes.`);
  if (problem.errorId) parts.push(`(Reference: ${problem.errorId})`);
  return parts.join(' ');
}

/**
 * A constructed stylesheet where the browser has them (pages whose Content-Security-Policy refuses
 * inline <style> still apply it), a <style> element elsewhere.
 */
function adoptStyles(root: ShadowRoot): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLESHEET);
    root.adoptedStyleSheets = [sheet];
  } catch {
    root.append(el('style', {}, STYLESHEET));
  }
}
