import { trialFunnel, type FunnelPerson } from './trial-funnel';

const none = { trial_started: false, phone_verified: false, trial_call_placed: false, trial_call_answered: false, checkout_started: false, paid: false };
const person = (signupDay: string, industry: string | null, reached: Partial<FunnelPerson['reached']>): FunnelPerson => ({ signupDay, industry, reached: { ...none, ...reached } });
const counts = (row: { steps: { count: number }[] }) => row.steps.map((s) => s.count);

describe('the trial funnel', () => {
  const people = [
    person('2026-11-02', 'hvac', { trial_started: true, phone_verified: true, trial_call_placed: true, trial_call_answered: true, checkout_started: true, paid: true }),
    person('2026-11-03', 'hvac', { trial_started: true }),
    person('2026-11-09', 'gym', { trial_started: true, phone_verified: true, trial_call_placed: true, trial_call_answered: true, checkout_started: true }),
    person('2026-11-10', null, {}),
    // Paid without a trial call: counts as far as the trial went (steps are in order).
    person('2026-11-11', 'gym', { trial_started: true, phone_verified: true, checkout_started: true, paid: true }),
  ];

  it('counts each step in order, by ISO week of signup, empty weeks included', () => {
    const { rows, total } = trialFunnel(people, '2026-11-02', '2026-11-22', 'week');
    expect(rows.map((r) => r.group)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
    expect(counts(rows[0])).toEqual([2, 2, 1, 1, 1, 1, 1]);
    expect(counts(rows[1])).toEqual([3, 2, 2, 1, 1, 1, 0]);
    expect(counts(rows[2])).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(counts(total)).toEqual([5, 4, 3, 2, 2, 2, 1]);
  });

  it('gives step-to-step and overall conversion (null over nobody)', () => {
    const { rows, total } = trialFunnel(people, '2026-11-02', '2026-11-22', 'week');
    expect(total.steps.map((s) => [s.step, s.fromPrevious, s.overall])).toEqual([
      ['signed_up', null, 1],
      ['trial_started', 0.8, 0.8],
      ['phone_verified', 0.75, 0.6],
      ['trial_call_placed', 0.6667, 0.4],
      ['trial_call_answered', 1, 0.4],
      ['checkout_started', 1, 0.4],
      ['paid', 0.5, 0.2],
    ]);
    expect(rows[2].steps.map((s) => [s.fromPrevious, s.overall])).toEqual(Array(7).fill([null, null]));
  });

  it('groups by the first trial\'s industry, with `none` for people who never started one', () => {
    const { rows } = trialFunnel(people, '2026-11-02', '2026-11-22', 'industry');
    expect(rows.map((r) => [r.group, counts(r)])).toEqual([
      ['hvac', [2, 2, 1, 1, 1, 1, 1]],
      ['gym', [2, 2, 2, 1, 1, 1, 0]],
      ['dental', [0, 0, 0, 0, 0, 0, 0]],
      ['none', [1, 0, 0, 0, 0, 0, 0]],
    ]);
  });
});
