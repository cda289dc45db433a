import { buildTrialPersona } from '../../trials';
import { callsPausedReason } from '../businesses.service';
import { nextStep } from '../provisioning/business-provisioning.service';
import { numberSearchFor } from '../provisioning/number-choice';
import { applySettings } from './assistant-settings.service';
import { businessAssistantSpec, businessPersonaFromTrial, defaultGreeting, fallbackAssistantSpec, readBusinessPersona, systemPromptFor } from './business-persona';

const trialPersona = buildTrialPersona({ industry: 'dental', scenario: 'scheduling', businessName: 'Bright Smiles' });

describe('the business persona', () => {
  it("keeps the trial's industry, scenario, agent and voice, and greets callers instead of placing a demo", () => {
    const persona = businessPersonaFromTrial({ industry: 'dental', scenario: 'scheduling', businessName: 'Bright Smiles', persona: trialPersona });
    expect(persona).toMatchObject({
      industry: 'dental',
      scenario: 'scheduling',
      businessName: 'Bright Smiles',
      assistantName: trialPersona.assistantName,
      voice: trialPersona.voice,
      hours: null,
    });
    expect(persona.greeting).toBe(defaultGreeting('Bright Smiles', trialPersona.assistantName));
    expect(persona.greeting).toContain("I'm an AI");
    const prompt = systemPromptFor(persona);
    expect(prompt).toContain('Bright Smiles');
    expect(prompt).not.toContain('demo');
  });

  it('builds the inbound assistant with the recording notice and the metadata the sandbox scripts from', () => {
    const persona = businessPersonaFromTrial({ industry: 'gym', scenario: 'faq', businessName: 'Iron Works' });
    const spec = businessAssistantSpec({ ...persona, hours: 'Mon–Fri 6 am–10 pm' }, { businessId: 'b1', serverUrl: 'https://x/webhooks/vapi' });
    expect(spec.recordingDisclosure).toBe(true);
    expect(spec.metadata).toEqual({ industry: 'gym', scenario: 'faq', businessName: 'Iron Works', businessId: 'b1', purpose: 'inbound' });
    expect(spec.systemPrompt).toContain('Opening hours: Mon–Fri 6 am–10 pm');
    expect(spec.serverUrl).toBe('https://x/webhooks/vapi');
  });

  it('the fallback takes a message, and works without knowing the business', () => {
    const named = fallbackAssistantSpec(businessPersonaFromTrial({ businessName: 'Cool Air' }), { businessId: 'b1', serverUrl: 's' });
    expect(named.firstMessage).toContain('Cool Air');
    expect(named.firstMessage).toContain('take a message');
    expect(named.metadata?.purpose).toBe('inbound_fallback');
    const anonymous = fallbackAssistantSpec(null, { businessId: null, serverUrl: 's' });
    expect(anonymous.firstMessage).toContain('the business you called');
    expect(anonymous.metadata).not.toHaveProperty('businessId');
  });

  it('reads a stored persona tolerantly (a business created without a trial has an empty one)', () => {
    const persona = readBusinessPersona({}, { name: 'Plain Co', industry: null, scenario: null });
    expect(persona).toMatchObject({ businessName: 'Plain Co', industry: 'hvac', scenario: 'lead_intake', hours: null });
  });
});

describe('assistant settings', () => {
  const base = businessPersonaFromTrial({ industry: 'hvac', scenario: 'lead_intake', businessName: 'Cool Air' });

  it('a renamed business keeps a default greeting in step with its name, but never a custom one', () => {
    const renamed = applySettings(base, { businessName: 'Cooler Air' });
    expect(renamed.greeting).toBe(defaultGreeting('Cooler Air', base.assistantName));
    const custom = applySettings({ ...base, greeting: 'Hello from Cool Air!' }, { businessName: 'Cooler Air' });
    expect(custom.greeting).toBe('Hello from Cool Air!');
  });

  it('changes only what is sent; an empty hours clears them', () => {
    const withHours = applySettings(base, { hours: '  Mon–Fri 8–6 ' });
    expect(withHours).toMatchObject({ hours: 'Mon–Fri 8–6', businessName: 'Cool Air', greeting: base.greeting });
    expect(applySettings(withHours, { greeting: 'Hi!' }).hours).toBe('Mon–Fri 8–6');
    expect(applySettings(withHours, { hours: '' }).hours).toBeNull();
    expect(applySettings(withHours, { hours: null }).hours).toBeNull();
  });
});

describe('calls paused, provisioning, number choice', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  const ok = { status: 'active' as const, past_due_since: null, calls_used_this_period: 10, calls_included: 100, vapi_assistant_id: 'a1', number_status: 'active' as const };

  it('says why callers get the fallback, in the router’s order', () => {
    expect(callsPausedReason(ok, now)).toBeNull();
    expect(callsPausedReason({ ...ok, calls_used_this_period: 100 }, now)).toBe('over_limit');
    expect(callsPausedReason({ ...ok, status: 'canceled' }, now)).toBe('canceled');
    expect(callsPausedReason({ ...ok, status: 'past_due', past_due_since: new Date('2026-03-05T12:00:00Z') }, now)).toBeNull();
    expect(callsPausedReason({ ...ok, status: 'past_due', past_due_since: new Date('2026-03-02T12:00:00Z') }, now)).toBe('past_due');
    expect(callsPausedReason({ ...ok, number_status: 'provisioning' }, now)).toBe('provisioning');
  });

  it('provisioning resumes at the first step whose result is not stored', () => {
    expect(nextStep({ vapi_assistant_id: null, number_id: null, vapi_phone_number_id: null, number_status: null })).toBe('assistant');
    expect(nextStep({ vapi_assistant_id: 'a', number_id: null, vapi_phone_number_id: null, number_status: null })).toBe('number');
    expect(nextStep({ vapi_assistant_id: 'a', number_id: 'n', vapi_phone_number_id: null, number_status: 'provisioning' })).toBe('connect');
    expect(nextStep({ vapi_assistant_id: 'a', number_id: 'n', vapi_phone_number_id: 'v', number_status: 'active' })).toBeNull();
  });

  it("looks for a number in the trial phone's area code and country", () => {
    expect(numberSearchFor('+14155550123')).toEqual({ areaCode: '415', country: 'US' });
    expect(numberSearchFor('+14165550123')).toEqual({ areaCode: '416', country: 'CA' });
    expect(numberSearchFor(null)).toEqual({ country: 'US' });
  });
});
