import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiKeysService } from '../api-keys.service';
import { SESSION_COOKIE } from '../cookies';
import { SessionsService } from '../sessions.service';
import type { Actor } from './actor';

/**
 * For long-lived answers (the live call stream): asks again, now and then, whether the caller who
 * opened it may still be served — the session not signed out, revoked, expired or its user
 * suspended; the API key not revoked nor its creator suspended. Through the same cached paths as
 * the guard (a revocation reaches every instance through the AuthCache channel).
 */
@Injectable()
export class AccessRecheck {
  constructor(
    private readonly sessions: SessionsService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  /** A check bound to this request's credentials; false or a throw means "end it". */
  for(actor: Actor, request: FastifyRequest): () => Promise<boolean> {
    if (actor.kind === 'api_key') {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
      const presented = match?.[1] ?? '';
      return async () => (await this.apiKeys.authenticate(presented))?.apiKeyId === actor.apiKeyId;
    }
    const token = request.cookies?.[SESSION_COOKIE] ?? '';
    return async () => (await this.sessions.authenticate(token))?.actor.sessionId === actor.sessionId;
  }
}
