import { INDUSTRIES, SCENARIOS, type AssistantSettings, type Industry, type Scenario } from '@beaker/contracts';
import type { AssistantSpec } from '../../../integrations/vapi/vapi.port';
import { INDUSTRY_TEMPLATES, SCENARIO_TEMPLATES } from '../../trials';
import { LEAD_SCHEMA, speakableName } from '../../trials';

/**
 * The business's inbound agent. The trial's persona (trials.assistant_config.persona) is the
 * starting point — same industry, scenario, agent name and voice — but the words change: the
 * trial agent places a demo call, the business's agent answers the business's phone. Stored in
 * businesses.persona; the prompt is rebuilt from it whenever settings change.
 */
export const BUSINESS_PERSONA_VERSION = '2026-11-28.1';
/** Inbound calls may run longer than a 2-minute demo. */
export const INBOUND_MAX_SECONDS = 600;

export interface BusinessPersona {
  version: string;
  industry: Industry;
  scenario: Scenario;
  businessName: string;
  assistantName: string;
  greeting: string;
  hours: string | null;
  voice: { provider: string; voiceId: string };
  structuredDataSchema: Record<string, unknown>;
}

type Json = Record<string, unknown>;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim().length > 0 ? v.trim() : undefined);

export function defaultGreeting(businessName: string, assistantName: string): string {
  return `Thanks for calling ${speakableName(businessName)}! This is ${assistantName}, the virtual assistant — I'm an AI. How can I help you today?`;
}

/** From the trial (its stored persona and its columns); any missing piece falls back to the templates. */
export function businessPersonaFromTrial(trial: { industry?: string | null; scenario?: string | null; businessName?: string | null; persona?: unknown }): BusinessPersona {
  const stored = (trial.persona && typeof trial.persona === 'object' ? (trial.persona as Json) : {}) as Json;
  const industry = pick(INDUSTRIES, text(stored.industry) ?? trial.industry) ?? 'hvac';
  const scenario = pick(SCENARIOS, text(stored.scenario) ?? trial.scenario) ?? 'lead_intake';
  const template = INDUSTRY_TEMPLATES[industry];
  const businessName = speakableName(text(trial.businessName) ?? text(stored.businessName) ?? 'our business').slice(0, 80);
  const assistantName = text(stored.assistantName) ?? template.assistantName;
  const voice = isVoice(stored.voice) ? stored.voice : { ...template.voice };
  const schema = stored.structuredDataSchema && typeof stored.structuredDataSchema === 'object' ? (stored.structuredDataSchema as Json) : LEAD_SCHEMA;
  return {
    version: BUSINESS_PERSONA_VERSION,
    industry,
    scenario,
    businessName,
    assistantName,
    greeting: defaultGreeting(businessName, assistantName),
    hours: null,
    voice,
    structuredDataSchema: schema,
  };
}

/** businesses.persona as stored (tolerant of older or partial rows). */
export function readBusinessPersona(raw: unknown, fallback: { name: string; industry: string | null; scenario: string | null }): BusinessPersona {
  const stored = (raw && typeof raw === 'object' ? raw : {}) as Json;
  const base = businessPersonaFromTrial({ industry: fallback.industry, scenario: fallback.scenario, businessName: fallback.name, persona: stored });
  return {
    ...base,
    businessName: speakableName(text(stored.businessName) ?? fallback.name).slice(0, 80) || base.businessName,
    greeting: text(stored.greeting) ?? base.greeting,
    hours: text(stored.hours) ?? null,
    version: text(stored.version) ?? base.version,
  };
}

export function settingsOf(persona: BusinessPersona): AssistantSettings {
  return { businessName: persona.businessName, greeting: persona.greeting, hours: persona.hours };
}

export function systemPromptFor(persona: BusinessPersona): string {
  const industry = INDUSTRY_TEMPLATES[persona.industry];
  const scenario = SCENARIO_TEMPLATES[persona.scenario];
  const business = persona.businessName;
  return [
    `You are ${persona.assistantName}, the friendly phone assistant who answers calls for ${business}, ${industry.trade}.`,
    `You are an AI voice assistant; if asked, say so plainly. Never claim to be human.`,
    `Callers are real customers of ${business}. Your goal: ${scenario.goal}.`,
    `Steps:\n${scenario.steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}`,
    `Callers usually want: ${industry.typicalNeeds.join('; ')}.`,
    `Urgency: ${industry.urgencyGuide}.`,
    persona.hours ? `Opening hours: ${persona.hours}. Outside these hours, say the team will call back when they open.` : `If asked about opening hours, say the team will confirm them when they call back.`,
    `Facts you may state: ${industry.facts.join('; ')}. Do not invent prices, addresses or guarantees beyond these.`,
    `If the caller asks not to be called again, confirm that they will not be called, and note it.`,
    `Keep every answer to one or two short sentences.`,
  ].join('\n\n');
}

/** The voice provider's assistant for the business's own number. Metadata lets the sandbox script calls. */
export function businessAssistantSpec(persona: BusinessPersona, options: { businessId: string; serverUrl: string }): AssistantSpec {
  return {
    name: `${persona.assistantName} · ${persona.businessName}`.slice(0, 40),
    firstMessage: persona.greeting,
    systemPrompt: systemPromptFor(persona),
    voice: persona.voice,
    maxDurationSeconds: INBOUND_MAX_SECONDS,
    structuredDataSchema: persona.structuredDataSchema,
    // The caller's location is unknown to us: announce the recording (all-party-consent states).
    recordingDisclosure: true,
    serverUrl: options.serverUrl,
    metadata: {
      industry: persona.industry,
      scenario: persona.scenario,
      businessName: persona.businessName,
      businessId: options.businessId,
      purpose: 'inbound',
    },
  };
}

/**
 * For callers the business cannot take right now (over the plan's calls, unpaid, canceled): a
 * short agent that says so kindly and takes a message. Never an error: the call always ends well.
 */
export function fallbackAssistantSpec(persona: BusinessPersona | null, options: { businessId: string | null; serverUrl: string }): AssistantSpec {
  const business = persona?.businessName ?? 'the business you called';
  const industry = persona?.industry ?? 'hvac';
  return {
    name: `Messages · ${business}`.slice(0, 40),
    firstMessage:
      `Thanks for calling ${business}. I'm an AI assistant, and the team can't take calls on this line right now — ` +
      `but I can take a message and have someone get back to you. May I have your name?`,
    systemPrompt: [
      `You take messages for ${business}. The team cannot take calls on this line right now.`,
      `You are an AI voice assistant; if asked, say so plainly.`,
      `Take the caller's name, the best number to call back, and a short reason for the call. Repeat them back.`,
      `Do not book, quote or promise anything; say the team will call back as soon as they can.`,
      `Keep it short and kind, then thank the caller and end the call.`,
    ].join('\n\n'),
    voice: persona?.voice ?? { ...INDUSTRY_TEMPLATES[industry].voice },
    maxDurationSeconds: 180,
    structuredDataSchema: persona?.structuredDataSchema ?? LEAD_SCHEMA,
    recordingDisclosure: true,
    serverUrl: options.serverUrl,
    metadata: {
      industry,
      scenario: 'lead_intake',
      businessName: business,
      ...(options.businessId ? { businessId: options.businessId } : {}),
      purpose: 'inbound_fallback',
    },
  };
}

/** What a caller on the business's do-not-call list hears (Vapi speaks an `error` answer, then hangs up). */
export function refusalMessage(persona: BusinessPersona | null): string {
  const business = persona?.businessName ?? 'this business';
  return `Thank you for calling ${business}. We're not able to take your call on this line. Goodbye.`;
}

/** A caller who called the business too often within the hour or the day (INBOUND_CALLER_LIMITS): told so, kindly, and when to try again. */
export function tooManyCallsMessage(persona: BusinessPersona | null): string {
  const business = persona?.businessName ?? 'this business';
  return `Thank you for calling ${business}. We've had several calls from your number in a short time, so we can't take this one. Please try again later. Goodbye.`;
}

/** A dialled number that answers for no business (released, or never ours). */
export const NOT_IN_SERVICE_MESSAGE = 'Sorry, the number you called is not in service. Goodbye.';

function pick<T extends string>(allowed: readonly T[], value: unknown): T | undefined {
  return (allowed as readonly unknown[]).includes(value) ? (value as T) : undefined;
}

function isVoice(v: unknown): v is { provider: string; voiceId: string } {
  const o = v as { provider?: unknown; voiceId?: unknown } | null;
  return !!o && typeof o.provider === 'string' && typeof o.voiceId === 'string';
}
