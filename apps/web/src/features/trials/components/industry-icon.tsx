import type { Industry } from '@beaker/contracts';

/** A small decorative mark per industry (the label next to it carries the meaning). */
export function IndustryIcon({ industry }: { industry: Industry }) {
  const paths: Record<Industry, string> = {
    // A thermometer.
    hvac: 'M12 2a3 3 0 0 1 3 3v9.26a5 5 0 1 1-6 0V5a3 3 0 0 1 3-3zM12 4a1 1 0 0 0-1 1v10.3l-.4.3a3 3 0 1 0 2.8 0l-.4-.3V5a1 1 0 0 0-1-1zM11 9h2v7.2a2 2 0 1 1-2 0z',
    // A dumbbell.
    gym: 'M3 9h2V7h3v4h8V7h3v2h2v6h-2v2h-3v-4H8v4H5v-2H3z',
    // A tooth.
    dental: 'M8 3c-2.8 0-5 2-5 5.1 0 2.3 1 3.6 1.6 5.3.6 1.8.8 3.8 1.3 5.6.4 1.5 1.1 2 1.8 2 1.5 0 1.7-2.5 2.1-4.3.3-1.2.8-2 2.2-2s1.9.8 2.2 2c.4 1.8.6 4.3 2.1 4.3.7 0 1.4-.5 1.8-2 .5-1.8.7-3.8 1.3-5.6.6-1.7 1.6-3 1.6-5.3C21 5 18.8 3 16 3c-1.7 0-2.6.8-4 .8S9.7 3 8 3z',
  };
  return (
    <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
      <path fill="currentColor" fillRule="evenodd" d={paths[industry]} />
    </svg>
  );
}
