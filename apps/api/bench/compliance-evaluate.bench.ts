import { evaluate, EvaluationInput } from '../src/modules/compliance/engine';

/**
 * Throughput of the pure compliance engine on one thread.
 * Budget: >= 50,000 evaluations/s for typical inputs (issue 7).
 *
 * The input set is fixed and varied: single- and multi-zone area codes, strict states, Canada,
 * toll-free (unknown location), lead addresses, business hours, velocity caps, DNC, every
 * purpose, instants spread over a year so allows and defers (with their search) both occur.
 */

const AREA_CODES = ['212', '305', '850', '401', '205', '504', '601', '206', '415', '512', '907', '808', '928', '208', '416', '604', '800', '312', '405', '410'];
const PURPOSES = ['speed_to_lead', 'follow_up', 'inbound_callback', 'trial_demo'] as const;
const LEAD_STATES = [undefined, 'CA', 'TX', 'RI', 'NY'];
const RUN_MS = 2000;
const INPUT_COUNT = 4096;

/** Deterministic pseudo-random numbers (mulberry32): the same inputs on every run. */
function randomSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function complianceBenchInputs(count = INPUT_COUNT): EvaluationInput[] {
  const random = randomSource(20261127);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const start = Date.UTC(2026, 0, 1);
  const inputs: EvaluationInput[] = [];
  for (let i = 0; i < count; i++) {
    const at = new Date(start + Math.floor(random() * 365 * 1440) * 60_000 + Math.floor(random() * 60_000));
    const subscriber = String(2_000_000 + Math.floor(random() * 7_000_000));
    const heavy = random() < 0.1;
    inputs.push({
      to: `+1${pick(AREA_CODES)}${subscriber}`,
      purpose: pick(PURPOSES),
      at,
      subject: 'lead-1',
      lead: random() < 0.3 ? { state: pick(LEAD_STATES), zip: random() < 0.5 ? '94107' : undefined } : undefined,
      business:
        random() < 0.3
          ? {
              timezone: random() < 0.5 ? 'America/Denver' : undefined,
              hours: { mon: [{ from: '09:00', to: '17:00' }], tue: [{ from: '09:00', to: '17:00' }], sat: [{ from: '10:00', to: '14:00' }] },
              maxCallsPerMinute: 30,
            }
          : undefined,
      history: {
        callsToNumberLast24h: heavy
          ? [1, 2, 3].map((hoursAgo) => ({ at: new Date(at.getTime() - hoursAgo * 3_600_000), subject: 'lead-1' }))
          : [],
        businessCallsLastMinute: Math.floor(random() * 40),
        providerActiveCalls: Math.floor(random() * 11),
      },
      dnc: { onBeakerList: random() < 0.02, onBusinessList: random() < 0.02 },
      consent: { present: random() < 0.95, revoked: random() < 0.01 },
    });
  }
  return inputs;
}

export async function runComplianceEvaluateBench(): Promise<{ evaluationsPerSecond: number }> {
  const inputs = complianceBenchInputs();
  // Warm-up: JIT, zone offset tables and caches, as in a running worker.
  for (const input of inputs) evaluate(input);

  let evaluations = 0;
  let sink = 0;
  const startedAt = process.hrtime.bigint();
  const deadline = startedAt + BigInt(RUN_MS) * 1_000_000n;
  let now = startedAt;
  while (now < deadline) {
    for (let i = 0; i < inputs.length; i++) {
      if (evaluate(inputs[i]).decision === 'allow') sink++;
    }
    evaluations += inputs.length;
    now = process.hrtime.bigint();
  }
  const seconds = Number(now - startedAt) / 1e9;
  if (sink < 0) throw new Error('unreachable: keeps the results alive');
  return { evaluationsPerSecond: Math.round(evaluations / seconds) };
}

if (require.main === module) {
  void runComplianceEvaluateBench().then((result) => console.log(JSON.stringify(result)));
}
