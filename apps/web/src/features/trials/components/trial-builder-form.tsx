import { INDUSTRIES, SCENARIOS, TRIAL_START_BUTTON_TEXT, TRIAL_START_CONSENT_TEXT, type CreateTrialRequest, type Industry, type Scenario, type TrialResponse } from '@beaker/contracts';
import { useId, useRef, useState, type FormEvent } from 'react';
import { TextField } from '../../../components/text-field';
import { isApiError } from '../../../lib/api-error';
import { useCreateTrial } from '../hooks/use-create-trial';
import { useStartTrial } from '../hooks/use-start-trial';
import { ChoiceCards } from './choice-cards';
import { IndustryIcon } from './industry-icon';
import { INDUSTRY_OPTIONS, SCENARIO_OPTIONS } from './trial-options';

type Field = 'industry' | 'businessName' | 'scenario' | 'phone' | 'email';
type Problems = Partial<Record<Field, string>>;

/** North American numbers have 10 digits (11 with the leading 1); the API has the final word. */
export function validateTrial(input: { industry: Industry | null; businessName: string; scenario: Scenario | null; phone: string; email?: string | null }): Problems {
  const problems: Problems = {};
  if (!input.industry) problems.industry = 'Choose your industry.';
  if (!input.businessName.trim()) problems.businessName = 'Enter the name of your business.';
  else if (input.businessName.trim().length > 80) problems.businessName = 'Keep the name under 80 characters.';
  if (!input.scenario) problems.scenario = 'Choose what the agent should do.';
  const digits = input.phone.replace(/\D/g, '');
  if (!input.phone.trim()) problems.phone = 'Enter the phone number the agent should call.';
  else if (!(digits.length === 10 || (digits.length === 11 && digits.startsWith('1')))) problems.phone = 'Enter a US or Canadian number, like (415) 555-0123.';
  // null: signed in, the account's address is used.
  if (input.email !== undefined && input.email !== null) {
    if (!input.email.trim()) problems.email = 'Enter your email address: we send your report there.';
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email.trim())) problems.email = 'Enter an email address, like you@yourbusiness.com.';
  }
  return problems;
}

/**
 * Step 1 of the trial: the business, what its agent does, the phone it calls and (signed out) the
 * email the sign-in link goes to. The button's words are the consent to be called.
 */
export function TrialBuilderForm({ onCreated, askEmail, initialIndustry = null }: { onCreated: (trial: TrialResponse) => void; askEmail: boolean; initialIndustry?: Industry | null }) {
  const [industry, setIndustry] = useState<Industry | null>(initialIndustry);
  const [email, setEmail] = useState('');
  const [businessName, setBusinessName] = useState('');
  const [scenario, setScenario] = useState<Scenario | null>('lead_intake');
  const [phone, setPhone] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const createSignedIn = useCreateTrial();
  const start = useStartTrial();
  const create = askEmail ? start : createSignedIn;
  const formRef = useRef<HTMLFormElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const consentId = useId();

  function focusFirstProblem(found: Problems) {
    const order: Field[] = ['industry', 'businessName', 'scenario', 'phone', 'email'];
    const first = order.find((f) => found[f]);
    if (!first || !formRef.current) return;
    const target =
      first === 'industry' || first === 'scenario'
        ? formRef.current.querySelector<HTMLInputElement>(`input[name="${first}"]`)
        : first === 'phone'
          ? phoneRef.current
          : first === 'email'
            ? emailRef.current
            : nameRef.current;
    target?.focus();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validateTrial({ industry, businessName, scenario, phone, email: askEmail ? email : null });
    setProblems(found);
    if (Object.keys(found).length > 0) {
      focusFirstProblem(found);
      return;
    }
    const request: CreateTrialRequest = { industry: industry!, businessName: businessName.trim(), scenario: scenario!, phone: phone.trim() };
    const handlers = {
      onSuccess: (created: TrialResponse) => onCreated(created),
      onError: (error: unknown) => {
        const next: Problems | null = isApiError(error, 'TRIALS.INVALID_PHONE')
          ? { phone: error.detail ?? 'Enter a US or Canadian number.' }
          : isApiError(error, 'TRIALS.DISPOSABLE_EMAIL') && askEmail
            ? { email: DISPOSABLE_EMAIL_MESSAGE }
            : isApiError(error, 'VALIDATION.FAILED') && askEmail && error.errors.some((e) => e.field === 'email')
              ? { email: 'Enter an email address, like you@yourbusiness.com.' }
              : null;
        if (next) {
          setProblems(next);
          focusFirstProblem(next);
        }
      },
    };
    if (askEmail) start.mutate({ ...request, email: email.trim() }, handlers);
    else createSignedIn.mutate(request, handlers);
  }

  const error = create.error;
  const fieldError = isApiError(error, 'TRIALS.INVALID_PHONE') || (askEmail && (isApiError(error, 'TRIALS.DISPOSABLE_EMAIL') || isApiError(error, 'VALIDATION.FAILED')));
  const banner = error && !fieldError ? bannerFor(error) : null;

  return (
    <form ref={formRef} className="form trial-form" noValidate onSubmit={handleSubmit} aria-label="Build your agent">
      {banner ? (
        <div className="alert alert--error" role="alert">
          {banner}
        </div>
      ) : null}
      <ChoiceCards
        legend="Your industry"
        name="industry"
        value={industry}
        onChange={(v) => {
          setIndustry(v);
          setProblems((p) => ({ ...p, industry: undefined }));
        }}
        error={problems.industry}
        choices={INDUSTRIES.map((value) => ({ value, ...INDUSTRY_OPTIONS[value], icon: <IndustryIcon industry={value} /> }))}
      />
      <TextField
        ref={nameRef}
        label="Business name"
        name="businessName"
        autoComplete="organization"
        maxLength={80}
        value={businessName}
        error={problems.businessName}
        onChange={(e) => {
          setBusinessName(e.target.value);
          if (problems.businessName) setProblems((p) => ({ ...p, businessName: undefined }));
        }}
        placeholder="Northside Heating & Air"
      />
      <ChoiceCards
        legend="What should your agent do?"
        name="scenario"
        value={scenario}
        onChange={(v) => {
          setScenario(v);
          setProblems((p) => ({ ...p, scenario: undefined }));
        }}
        error={problems.scenario}
        choices={SCENARIOS.map((value) => ({ value, ...SCENARIO_OPTIONS[value] }))}
      />
      <TextField
        ref={phoneRef}
        label="Your mobile number"
        hint="US or Canada. We text you a code to check it's yours; the agent calls only this number."
        name="phone"
        type="tel"
        inputMode="tel"
        autoComplete="tel-national"
        value={phone}
        error={problems.phone}
        onChange={(e) => {
          setPhone(e.target.value);
          if (problems.phone) setProblems((p) => ({ ...p, phone: undefined }));
        }}
        placeholder="(415) 555-0123"
      />
      {askEmail ? (
        <TextField
          ref={emailRef}
          label="Your email"
          hint="We email you a link to keep your report and go live. No password."
          name="email"
          type="email"
          inputMode="email"
          autoComplete="email"
          maxLength={254}
          value={email}
          error={problems.email}
          onChange={(e) => {
            setEmail(e.target.value);
            if (problems.email) setProblems((p) => ({ ...p, email: undefined }));
          }}
          placeholder="you@yourbusiness.com"
        />
      ) : null}
      <button type="submit" className="btn btn--accent btn--block btn--lg" disabled={create.isPending} aria-describedby={consentId}>
        {create.isPending ? 'Building your agent…' : TRIAL_START_BUTTON_TEXT}
      </button>
      <p id={consentId} className="small muted consent-text">
        {TRIAL_START_CONSENT_TEXT}
      </p>
    </form>
  );
}

const DISPOSABLE_EMAIL_MESSAGE = 'Use your work or personal email address: throwaway addresses cannot start a trial.';

function bannerFor(error: unknown): string {
  if (isApiError(error, 'TRIALS.USER_LIMIT')) return 'You have used all your free trials. Go live to keep an agent of your own.';
  if (isApiError(error, 'TRIALS.PHONE_LIMIT')) return 'This phone number has already had its free trials this month. Use another number, or go live.';
  if (isApiError(error, 'TRIALS.DISPOSABLE_EMAIL')) return 'Trials need a permanent email address. Sign in with your work or personal email.';
  if (isApiError(error, 'RATE_LIMITED')) {
    const minutes = error.retryAfterSeconds ? Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) : null;
    return minutes ? `Too many trials were started from your network. Try again in ${minutes} min.` : 'Too many trials were started from your network. Try again later.';
  }
  if (isApiError(error)) return error.detail ?? error.title;
  return 'We could not create your trial. Try again.';
}
