import type { MagicLinkRequest } from '@beaker/contracts';
import { useMutation } from '@tanstack/react-query';
import { requestMagicLink } from '../api/auth-api';

export function useRequestMagicLink() {
  return useMutation({ mutationFn: (request: MagicLinkRequest) => requestMagicLink(request) });
}
