import type { Page, SandboxEmail } from '@beaker/contracts';
import { api, call } from '../../../lib/api-client';
import type { SandboxMessage } from './types';

export function listSandboxEmails(to: string, cursor?: string, signal?: AbortSignal): Promise<Page<SandboxEmail>> {
  return call(api.GET('/v1/sandbox/emails', { params: { query: { to, cursor } }, signal }));
}

export function listSandboxMessages(to: string, cursor?: string, signal?: AbortSignal): Promise<Page<SandboxMessage>> {
  return call(api.GET('/v1/sandbox/messages', { params: { query: { to, cursor } }, signal }));
}
