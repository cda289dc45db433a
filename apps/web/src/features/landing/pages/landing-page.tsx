import { PLAN_CATALOG, PLANS, TRIAL_CALLS_LIMIT, TRIAL_DURATION_HOURS, type Industry } from '@beaker/contracts';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../../../lib/use-page-title';

const INDUSTRY_STORIES: Record<Industry, { name: string; headline: string; body: string; cta: string }> = {
  hvac: {
    name: 'HVAC companies',
    headline: 'No heat at 9 pm? Answered.',
    body: 'Takes the address, the symptoms and how urgent it is, then books the visit — while your techs stay on the job.',
    cta: 'Try the HVAC agent',
  },
  gym: {
    name: 'Gyms and studios',
    headline: 'Every tour request, followed up.',
    body: 'Answers questions about memberships, hours and classes, and books a tour for the person who just filled in your form.',
    cta: 'Try the gym agent',
  },
  dental: {
    name: 'Dental offices',
    headline: 'New patients, not voicemail.',
    body: 'Books cleanings and new-patient visits, answers insurance questions, and hands the front desk a clean summary.',
    cta: 'Try the dental agent',
  },
};

// The real flow (issue 18): industry card → one form → the code → the phone rings. No sign-in first.
const STEPS = [
  { title: 'Tell us about your business', body: 'Pick your industry, then give your business name, your mobile number and your email — one form, no password.' },
  { title: 'Type the code we text you', body: 'A 6-digit code proves the phone is yours: the agent only ever calls a phone you control.' },
  {
    title: 'Take the call',
    body: 'Your phone rings as soon as the code is in. Talk to your agent as a customer would, then read the transcript, summary and the lead it captured. The link we email you keeps your report.',
  },
];

const SAFEGUARDS = [
  'Calls only within the hours federal and state law allow, at the lead’s local time',
  'Keeps the consent each lead gave — the words they saw, when and where',
  'Announces recording where every party must agree to it',
  'Honors “stop calling me” before the next call, not days later',
];

export function LandingPage() {
  usePageTitle('');
  return (
    <>
      <section className="hero" aria-labelledby="hero-heading">
        <div className="container hero__inner">
          <div className="hero__copy">
            <p className="eyebrow eyebrow--on-dark">For HVAC companies, gyms and dental offices</p>
            <h1 id="hero-heading" className="hero__title">
              Every call answered. Every web lead called back in seconds.
            </h1>
            <p className="hero__lead">
              Beaker gives your business an AI phone agent. It answers your line as your business, day and night, and calls
              new web leads back while they’re still interested — only when the law allows it.
            </p>
            <div className="button-row">
              <Link to="/try" className="btn btn--accent btn--lg">
                Try it on your phone
              </Link>
              <a href="#how-it-works" className="btn btn--on-dark btn--lg">
                How it works
              </a>
            </div>
            <p className="hero__note">
              Free: {TRIAL_CALLS_LIMIT} calls over {TRIAL_DURATION_HOURS} hours. No credit card, no password.
            </p>
          </div>
          <CallPreview />
        </div>
      </section>

      <section className="section" aria-labelledby="industries-heading">
        <div className="container">
          <h2 id="industries-heading" className="section__title">
            Built for the businesses that live on the phone
          </h2>
          <div className="grid grid--3">
            {(Object.keys(INDUSTRY_STORIES) as Industry[]).map((industry) => {
              const story = INDUSTRY_STORIES[industry];
              return (
                <article key={industry} className="card card--feature">
                  <p className="eyebrow">{story.name}</p>
                  <h3>{story.headline}</h3>
                  <p className="muted">{story.body}</p>
                  {/* The card starts the trial with its industry chosen: one click fewer. */}
                  <Link to={`/try?industry=${industry}`} className="btn btn--secondary btn--sm">
                    {story.cta}
                  </Link>
                </article>
              );
            })}
          </div>
        </div>
      </section>

      <section id="how-it-works" className="section section--tinted" aria-labelledby="how-heading" tabIndex={-1}>
        <div className="container">
          <h2 id="how-heading" className="section__title">
            Hear your agent in under a minute
          </h2>
          <ol className="steps">
            {STEPS.map((step, i) => (
              <li key={step.title} className="steps__item">
                <span className="steps__number" aria-hidden="true">
                  {i + 1}
                </span>
                <div>
                  <h3>{step.title}</h3>
                  <p className="muted">{step.body}</p>
                </div>
              </li>
            ))}
          </ol>
        </div>
      </section>

      <section className="section" aria-labelledby="law-heading">
        <div className="container split">
          <div>
            <h2 id="law-heading" className="section__title section__title--left">
              Fast follow-up, within the law
            </h2>
            <p className="lead">
              A lead called back in the first minutes is far more likely to book. Beaker calls right away when it may — and when
              it may not, schedules the call for the next moment it can, instead of calling early or dropping the lead.
            </p>
          </div>
          <ul className="checklist checklist--large">
            {SAFEGUARDS.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      </section>

      <section className="section section--tinted" aria-labelledby="pricing-heading">
        <div className="container">
          <h2 id="pricing-heading" className="section__title">
            Simple monthly plans
          </h2>
          <div className="grid grid--2 pricing">
            {PLANS.map((plan) => {
              const definition = PLAN_CATALOG[plan];
              return (
                <article key={plan} className="card card--plan">
                  <h3>{definition.name}</h3>
                  <p className="price">
                    <span className="price__amount">${Math.round(definition.monthlyPriceCents / 100)}</span>
                    <span className="price__period">/ month</span>
                  </p>
                  <p className="muted">{definition.callsIncluded} calls a month, a local phone number, and web forms for your leads.</p>
                </article>
              );
            })}
          </div>
        </div>
      </section>

      <section className="section cta-band" aria-labelledby="cta-heading">
        <div className="container cta-band__inner">
          <h2 id="cta-heading">Hear it answer as your business</h2>
          <p>One form and a texted code, and your phone rings. Then read the report. It takes about a minute.</p>
          <Link to="/try" className="btn btn--accent btn--lg">
            Try it on your phone
          </Link>
        </div>
      </section>
    </>
  );
}

/** An example conversation, so a visitor can picture the call before trying it. */
function CallPreview() {
  return (
    <figure className="call-preview" aria-label="Example of a call answered by a Beaker agent">
      <div className="call-preview__bar">
        <span className="call-preview__dot" aria-hidden="true" />
        <span>Example call · Northside Heating &amp; Air</span>
      </div>
      <ol className="call-preview__lines">
        <li className="bubble bubble--agent">
          <span className="bubble__who">Agent</span>
          Thanks for calling Northside Heating &amp; Air. This call is recorded. How can I help?
        </li>
        <li className="bubble bubble--caller">
          <span className="bubble__who">Caller</span>
          Our furnace stopped and it’s getting cold in here.
        </li>
        <li className="bubble bubble--agent">
          <span className="bubble__who">Agent</span>
          I’m sorry to hear that. Can I get your address? I can book a technician for tomorrow at 8 am.
        </li>
      </ol>
      <figcaption className="call-preview__lead">
        <span className="badge badge--success">Lead captured</span> Dana Ruiz · furnace repair · urgent
      </figcaption>
    </figure>
  );
}
