import { useMutation } from '@tanstack/react-query';
import { sendVerificationCode } from '../api/trials-api';

/** Texts a verification code to the trial's phone. */
export function useSendCode(trialId: string) {
  return useMutation({ mutationFn: () => sendVerificationCode(trialId) });
}
