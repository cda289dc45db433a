import type { BusinessOverview } from '@beaker/contracts';
import { useOutletContext } from 'react-router-dom';

/** The business of the dashboard section being shown (loaded once by BusinessLayout, kept fresh there). */
export function useCurrentBusiness(): BusinessOverview {
  return useOutletContext<BusinessOverview>();
}
