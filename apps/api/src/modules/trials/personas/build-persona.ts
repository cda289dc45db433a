import { TRIAL_CALL_MAX_SECONDS, type Industry, type Scenario } from '@beaker/contracts';
import type { AssistantSpec } from '../../../integrations/vapi/vapi.port';
import { INDUSTRY_TEMPLATES, SCENARIO_TEMPLATES } from './persona-templates';

/** Bumped when the templates change in a way worth knowing about (stored with each trial's persona). */
export const PERSONA_TEMPLATE_VERSION = '2026-11-27.1';

export interface PersonaInput {
  industry: Industry;
  scenario: Scenario;
  businessName: string;
}

/**
 * The persona as stored in trials.assistant_config, and carried over to the business on go-live
 * (the billing module builds the business's assistant from it).
 */
export interface TrialPersona {
  templateVersion: string;
  industry: Industry;
  scenario: Scenario;
  businessName: string;
  assistantName: string;
  firstMessage: string;
  systemPrompt: string;
  voice: { provider: string; voiceId: string };
  maxDurationSeconds: number;
  structuredDataSchema: Record<string, unknown>;
}

/** The lead the call's analysis extracts; `optOut` is how the calls module learns of a "don't call me again". */
export const LEAD_SCHEMA: Record<string, unknown> = {
  type: 'object',
  properties: {
    name: { type: 'string', description: "The caller's full name" },
    phone: { type: 'string', description: 'The best number to reach the caller, E.164 if possible' },
    email: { type: 'string', description: "The caller's email address" },
    intent: { type: 'string', description: 'What the caller wants, in a short phrase' },
    urgency: { type: 'string', enum: ['low', 'medium', 'high'], description: 'How soon the caller needs help' },
    optOut: { type: 'boolean', description: 'True if the person asked not to be called again' },
  },
  required: ['intent', 'urgency'],
};

/** Names and greetings are spoken: keep what the prospect typed, minus anything that is not text. */
export function speakableName(name: string): string {
  return name
    .replace(/\p{Cc}/gu, ' ')
    .replace(/[<>{}[\]\\`]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The greeting: names the business, says it is an AI voice (FCC 24-17: an artificial voice must
 * identify itself and the business at the start), offers the opt-out, then hands over to the
 * prospect. The recording notice is added per call where the law wants it (assistantOverrides).
 */
export function trialGreeting(input: PersonaInput): string {
  const business = speakableName(input.businessName);
  const { assistantName } = INDUSTRY_TEMPLATES[input.industry];
  const { opener } = SCENARIO_TEMPLATES[input.scenario];
  return (
    `Hi, this is ${assistantName}, the AI voice assistant for ${business}, calling with the demo you asked for. ` +
    `If you'd rather not get calls from us, just say so at any time. ${opener}`
  );
}

export function buildTrialPersona(input: PersonaInput): TrialPersona {
  const industry = INDUSTRY_TEMPLATES[input.industry];
  const scenario = SCENARIO_TEMPLATES[input.scenario];
  const business = speakableName(input.businessName);
  const systemPrompt = [
    `You are ${industry.assistantName}, the friendly phone assistant of ${business}, ${industry.trade}.`,
    `You are an AI voice assistant; if asked, say so plainly. Never claim to be human.`,
    `This is a demo call the person asked for: they will play a customer. Treat them exactly as a real customer of ${business}.`,
    `Your goal: ${scenario.goal}.`,
    `Steps:\n${scenario.steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}`,
    `Callers usually want: ${industry.typicalNeeds.join('; ')}.`,
    `Urgency: ${industry.urgencyGuide}.`,
    `Facts you may state: ${industry.facts.join('; ')}. Do not invent prices, addresses or guarantees beyond these.`,
    `If the person asks not to be called again, apologise, confirm they will not be called again, and end the call politely.`,
    `Keep every answer to one or two short sentences. The call lasts at most ${Math.round(TRIAL_CALL_MAX_SECONDS / 60)} minutes: wrap up in time.`,
  ].join('\n\n');
  return {
    templateVersion: PERSONA_TEMPLATE_VERSION,
    industry: input.industry,
    scenario: input.scenario,
    businessName: business,
    assistantName: industry.assistantName,
    firstMessage: trialGreeting(input),
    systemPrompt,
    voice: { ...industry.voice },
    maxDurationSeconds: TRIAL_CALL_MAX_SECONDS,
    structuredDataSchema: LEAD_SCHEMA,
  };
}

/** The voice provider's assistant for a trial persona. Metadata lets the sandbox script the call. */
export function assistantSpecFor(persona: TrialPersona, options: { trialId: string; serverUrl: string }): AssistantSpec {
  return {
    name: `${persona.assistantName} · ${persona.businessName}`.slice(0, 40),
    firstMessage: persona.firstMessage,
    systemPrompt: persona.systemPrompt,
    voice: persona.voice,
    maxDurationSeconds: persona.maxDurationSeconds,
    structuredDataSchema: persona.structuredDataSchema,
    serverUrl: options.serverUrl,
    metadata: {
      industry: persona.industry,
      scenario: persona.scenario,
      businessName: persona.businessName,
      trialId: options.trialId,
      purpose: 'trial_demo',
    },
  };
}
