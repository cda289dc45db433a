import { INDUSTRIES, SCENARIOS } from '@beaker/contracts';
import { assistantSpecFor, buildTrialPersona, speakableName } from './build-persona';

describe('trial personas', () => {
  const all = INDUSTRIES.flatMap((industry) => SCENARIOS.map((scenario) => ({ industry, scenario })));

  it.each(all)('$industry × $scenario: greets by the business name, discloses the AI voice and offers the opt-out', ({ industry, scenario }) => {
    const persona = buildTrialPersona({ industry, scenario, businessName: 'Northside Heating & Air' });
    expect(persona.firstMessage).toContain('Northside Heating & Air');
    expect(persona.firstMessage).toMatch(/\bAI voice assistant\b/);
    expect(persona.firstMessage).toMatch(/rather not get calls/);
    expect(persona.systemPrompt).toContain('Northside Heating & Air');
    expect(persona.systemPrompt).toMatch(/never claim to be human/i);
    expect(persona.maxDurationSeconds).toBe(120);
    expect(persona.voice.provider).toBeTruthy();
  });

  it('gives each scenario its own goal and each industry its own assistant', () => {
    const goals = new Set(SCENARIOS.map((scenario) => buildTrialPersona({ industry: 'gym', scenario, businessName: 'X' }).systemPrompt));
    expect(goals.size).toBe(SCENARIOS.length);
    const names = new Set(INDUSTRIES.map((industry) => buildTrialPersona({ industry, scenario: 'faq', businessName: 'X' }).assistantName));
    expect(names.size).toBe(INDUSTRIES.length);
  });

  it('extracts the lead the report shows: name, phone, email, intent, urgency (and the opt-out)', () => {
    const { structuredDataSchema } = buildTrialPersona({ industry: 'dental', scenario: 'lead_intake', businessName: 'Smile Co' });
    expect(Object.keys((structuredDataSchema as { properties: object }).properties)).toEqual(['name', 'phone', 'email', 'intent', 'urgency', 'optOut']);
  });

  it('hands the sandbox what it needs to script the call', () => {
    const persona = buildTrialPersona({ industry: 'hvac', scenario: 'scheduling', businessName: 'Cool Air' });
    const spec = assistantSpecFor(persona, { trialId: 't-1', serverUrl: 'http://localhost/webhooks/vapi' });
    expect(spec.metadata).toEqual({ industry: 'hvac', scenario: 'scheduling', businessName: 'Cool Air', trialId: 't-1', purpose: 'trial_demo' });
    expect(spec.name.length).toBeLessThanOrEqual(40);
  });

  it('keeps names speakable: no markup or control characters', () => {
    expect(speakableName('  Joe\'s <b>Gym</b>\n{x} ')).toBe("Joe's b Gym /b x");
  });
});
