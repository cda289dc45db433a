import type { Page, SandboxEmail } from '@beaker/contracts';
import { apiRequest } from '../../../lib/api-client';
import type { SandboxMessage } from './types';

export function listSandboxEmails(to: string, cursor?: string, signal?: AbortSignal): Promise<Page<SandboxEmail>> {
  return apiRequest<Page<SandboxEmail>>('/v1/sandbox/emails', { query: { to, cursor }, signal });
}

export function listSandboxMessages(to: string, cursor?: string, signal?: AbortSignal): Promise<Page<SandboxMessage>> {
  return apiRequest<Page<SandboxMessage>>('/v1/sandbox/messages', { query: { to, cursor }, signal });
}
