import type { Industry, Scenario } from '@beaker/contracts';

/** How the builder names and explains each industry and scenario (the values come from the contracts). */
export const INDUSTRY_OPTIONS: Record<Industry, { label: string; description: string }> = {
  hvac: { label: 'HVAC', description: 'Heating, cooling and repairs' },
  gym: { label: 'Gym or studio', description: 'Memberships, classes and tours' },
  dental: { label: 'Dental office', description: 'Cleanings, exams and emergencies' },
};

export const SCENARIO_OPTIONS: Record<Scenario, { label: string; description: string }> = {
  lead_intake: { label: 'Take a new lead', description: 'Gets the name, number, email, what they need and how urgent it is.' },
  faq: { label: 'Answer questions', description: 'Answers common questions, then offers a follow-up.' },
  scheduling: { label: 'Book an appointment', description: 'Offers times, confirms one and takes the details.' },
};
