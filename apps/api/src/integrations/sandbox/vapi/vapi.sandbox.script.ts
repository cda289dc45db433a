import type { Industry, Scenario } from '@beaker/contracts';
import { INDUSTRIES, SCENARIOS } from '@beaker/contracts';
import type { ProviderTranscriptTurn } from '../../vapi/vapi.port';

/**
 * The sandbox's scripted conversations: what a realistic call sounds like for each industry ×
 * scenario, with the called person's details. Deterministic, so tests can assert on it.
 */
export interface SandboxPersona {
  industry: Industry;
  scenario: Scenario;
  businessName: string;
  /** The assistant's first sentence, disclosure included, spoken verbatim. */
  firstMessage: string;
}

export interface SandboxCallee {
  number: string;
  name?: string;
  email?: string;
}

export interface SandboxLead {
  name: string;
  phone: string;
  email: string;
  intent: string;
  urgency: 'low' | 'medium' | 'high';
}

export interface SandboxConversation {
  turns: ProviderTranscriptTurn[];
  lead: SandboxLead;
  summary: string;
  successEvaluation: 'true' | 'false';
  durationSeconds: number;
}

const NEEDS: Record<Industry, { ask: string; intent: string; urgency: SandboxLead['urgency']; question: string; answer: string; slotFor: string }> = {
  hvac: {
    ask: "Hi, my air conditioner is blowing warm air and it's getting really hot in the house.",
    intent: 'AC repair: unit blowing warm air',
    urgency: 'high',
    question: 'Do you charge extra for a same-day visit?',
    answer: 'Same-day visits have a flat diagnostic fee of eighty-nine dollars, which goes toward the repair if you go ahead.',
    slotFor: 'a technician visit',
  },
  gym: {
    ask: "Hi, I'm thinking about joining and wanted to know about memberships and maybe a tour.",
    intent: 'Membership inquiry and a tour',
    urgency: 'low',
    question: 'How much is a monthly membership, and are there classes included?',
    answer: 'Monthly memberships start at thirty-nine dollars and include all group classes; there is no joining fee this month.',
    slotFor: 'a tour with a coach',
  },
  dental: {
    ask: 'Hi, I chipped a tooth yesterday and it is a bit sensitive. Can someone take a look?',
    intent: 'Chipped tooth, needs an exam',
    urgency: 'medium',
    question: 'Do you take PPO insurance, and how soon could I be seen?',
    answer: 'We accept most PPO plans and keep a few slots each day for urgent visits like yours.',
    slotFor: 'an exam with the dentist',
  },
};

const FIRST_NAMES = ['Jordan', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Avery', 'Jamie', 'Quinn'];
const LAST_NAMES = ['Lee', 'Rivera', 'Patel', 'Nguyen', 'Brooks', 'Garcia', 'Kim', 'Foster'];

/** A stable fictional name for a number, when we were not told the person's name. */
export function fictionalNameFor(number: string): string {
  const digits = number.replace(/\D/g, '');
  const n = Number(digits.slice(-4) || '0');
  return `${FIRST_NAMES[n % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(n / FIRST_NAMES.length) % LAST_NAMES.length]}`;
}

export function personaFromMetadata(metadata: Record<string, string> | undefined, firstMessage: string): SandboxPersona {
  const industry = (INDUSTRIES as readonly string[]).includes(metadata?.industry ?? '') ? (metadata!.industry as Industry) : 'hvac';
  const scenario = (SCENARIOS as readonly string[]).includes(metadata?.scenario ?? '') ? (metadata!.scenario as Scenario) : 'lead_intake';
  return { industry, scenario, businessName: metadata?.businessName || 'the business', firstMessage };
}

export function buildSandboxConversation(persona: SandboxPersona, callee: SandboxCallee): SandboxConversation {
  const need = NEEDS[persona.industry];
  const name = callee.name?.trim() || fictionalNameFor(callee.number);
  const first = name.split(/\s+/)[0];
  const email = callee.email?.trim() || `${name.toLowerCase().replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '')}@example.com`;
  // Said and written the way people do: (415) 555-0123, not +14155550123.
  const spelledNumber = nationalNumber(callee.number);
  const lines: [ProviderTranscriptTurn['speaker'], string][] = [['assistant', persona.firstMessage]];

  if (persona.scenario === 'lead_intake') {
    lines.push(
      ['caller', need.ask],
      ['assistant', `I'm sorry to hear that, I can help. May I have your name, please?`],
      ['caller', `Sure, it's ${name}.`],
      ['assistant', `Thanks, ${first}. Is ${spelledNumber} the best number to reach you?`],
      ['caller', 'Yes, that works.'],
      ['assistant', 'And what email should we send the confirmation to?'],
      ['caller', `It's ${email}.`],
      ['assistant', 'How soon do you need someone?'],
      ['caller', need.urgency === 'high' ? 'As soon as possible, today if you can.' : need.urgency === 'medium' ? 'This week would be great.' : 'No rush, sometime in the next couple of weeks.'],
      ['assistant', `Got it. I've passed this to the ${persona.businessName} team and someone will call you back shortly. Anything else?`],
      ['caller', "No, that's all. Thank you!"],
      // A trial call is one we placed: no "thank you for calling".
      ['assistant', `Thanks for your time, ${first}. Have a great day!`],
    );
  } else if (persona.scenario === 'faq') {
    lines.push(
      ['caller', need.question],
      ['assistant', need.answer],
      ['caller', 'Great, that helps. Could someone follow up with the details?'],
      ['assistant', 'Of course. May I have your name and the best email for you?'],
      ['caller', `${name}, and my email is ${email}.`],
      ['assistant', `Thanks, ${first}. Should we call you back at ${spelledNumber}?`],
      ['caller', 'Yes please.'],
      ['assistant', `Perfect. The ${persona.businessName} team will follow up soon. Anything else I can answer?`],
      ['caller', "No, that's it. Thanks!"],
      ['assistant', `Thanks, ${first}. Goodbye!`],
    );
  } else {
    lines.push(
      ['caller', `${need.ask} I'd like to book ${need.slotFor}.`],
      ['assistant', 'I can do that. I have tomorrow at 10 AM or Thursday at 2 PM. Which works better?'],
      ['caller', 'Tomorrow at 10 works.'],
      ['assistant', 'Great. May I have your full name?'],
      ['caller', name],
      ['assistant', `Thanks, ${first}. What email should I send the confirmation to?`],
      ['caller', email],
      ['assistant', `You're booked for tomorrow at 10 AM with ${persona.businessName}. We'll text a reminder to ${spelledNumber}. Anything else?`],
      ['caller', 'No, thank you!'],
      ['assistant', 'See you tomorrow. Goodbye!'],
    );
  }

  const { turns, durationSeconds } = timed(lines);
  const lead: SandboxLead = { name, phone: callee.number, email, intent: need.intent, urgency: need.urgency };
  // Sentences a receptionist would write down, not a field dump.
  const when = need.urgency === 'high' ? 'today if possible' : need.urgency === 'medium' ? 'this week' : 'within a couple of weeks';
  const summary =
    persona.scenario === 'scheduling'
      ? `${name} booked ${need.slotFor} with ${persona.businessName} for tomorrow at 10 AM; the confirmation goes to ${email}.`
      : persona.scenario === 'faq'
        ? `${name} asked ${persona.businessName} “${need.question}”, got an answer, and would like the team to follow up at ${email}.`
        : `${name} needs ${need.intent.toLowerCase()} and would like someone ${when}. The ${persona.businessName} team should call back on ${spelledNumber}; the confirmation goes to ${email}.`;
  return { turns, lead, summary, successEvaluation: 'true', durationSeconds };
}

/** A North American number as people write it ((415) 555-0123); anything else as it came. */
function nationalNumber(e164: string): string {
  const match = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return match ? `(${match[1]}) ${match[2]}-${match[3]}` : e164;
}

/** The lines as turns at a speaking pace (about 2.6 words a second, plus a pause between turns), and how long they take. */
function timed(lines: [ProviderTranscriptTurn['speaker'], string][]): { turns: ProviderTranscriptTurn[]; durationSeconds: number } {
  let at = 0.6;
  const turns = lines.map(([speaker, text]) => {
    const turn = { speaker, text, at: Math.round(at * 10) / 10 };
    at += text.split(/\s+/).length / 2.6 + 0.8;
    return turn;
  });
  return { turns, durationSeconds: Math.ceil(at) };
}

/**
 * The agent calling back a lead who just filled in a form: it greets them by name and refers to
 * their request (the first message, spoken verbatim, does both), confirms the details, and books
 * the next step.
 */
export function buildLeadCallbackConversation(persona: SandboxPersona, callee: SandboxCallee, request: string | undefined): SandboxConversation {
  const need = NEEDS[persona.industry];
  const name = callee.name?.trim() || fictionalNameFor(callee.number);
  const first = name.split(/\s+/)[0];
  const email = callee.email?.trim() || `${name.toLowerCase().replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '')}@example.com`;
  const asked = request?.trim() || need.intent;
  const lines: [ProviderTranscriptTurn['speaker'], string][] = [
    ['assistant', persona.firstMessage],
    ['caller', `Oh wow, that was fast. Yes, this is ${first}, now is fine.`],
    ['assistant', `Great. You wrote: "${asked}". Can you tell me a little more so the team comes prepared?`],
    ['caller', need.ask],
    ['assistant', 'Thanks, that helps. How soon do you need someone?'],
    ['caller', need.urgency === 'high' ? 'As soon as possible, today if you can.' : need.urgency === 'medium' ? 'This week would be great.' : 'No rush, sometime in the next couple of weeks.'],
    ['assistant', `I can set up ${need.slotFor} tomorrow at 10 AM or Thursday at 2 PM. Which works better?`],
    ['caller', 'Tomorrow at 10 works.'],
    ['assistant', `You're booked for tomorrow at 10 AM. Should the confirmation go to ${email}?`],
    ['caller', 'Yes, that is right.'],
    ['assistant', `Perfect, ${first}. ${persona.businessName} will see you tomorrow. If you ever want us to stop calling, just say so. Goodbye!`],
    ['caller', 'Thanks, bye!'],
  ];
  const { turns, durationSeconds } = timed(lines);
  const lead: SandboxLead = { name, phone: callee.number, email, intent: asked, urgency: need.urgency };
  const summary = `${persona.businessName} called ${name} back about their web request ("${asked}") and booked ${need.slotFor} for tomorrow at 10 AM. Urgency ${need.urgency}.`;
  return { turns, lead, summary, successEvaluation: 'true', durationSeconds };
}

/** Vapi's plain-text transcript: one `AI:` / `User:` line per turn. */
export function transcriptText(turns: ProviderTranscriptTurn[]): string {
  return turns.map((t) => `${t.speaker === 'assistant' ? 'AI' : 'User'}: ${t.text}`).join('\n');
}
