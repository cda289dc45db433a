import { useMutation } from '@tanstack/react-query';
import { placeTestCall } from '../api/dashboard-api';

/** Places the owner's test call; the caller follows it by its id. */
export function usePlaceTestCall(businessId: string) {
  return useMutation({ mutationFn: () => placeTestCall(businessId) });
}
