import type { MemberRole } from '@beaker/contracts';
import type { User } from '../entities/user.entity';

/** A person signed in through the web app (session cookie). */
export interface UserActor {
  kind: 'user';
  user: User;
  /** The session row's id (not its secret); never log it. */
  sessionId: string;
  /**
   * Set for a trial session: opened by starting a trial from the landing page, before the email is
   * proven. It reaches only this trial and its calls (routes marked @TrialSessionAllowed); the
   * magic link emailed at the start opens a full session.
   */
  trialId?: string | null;
}

/** An integrator's program (Authorization: Bearer bk_…), acting for one business. */
export interface ApiKeyActor {
  kind: 'api_key';
  businessId: string;
  apiKeyId: string;
}

/** Who is calling. Set on the request by the global AccessGuard; read it with @CurrentActor(). */
export type Actor = UserActor | ApiKeyActor;

/** The business a @BusinessRoute resolved, and the caller's standing in it. */
export interface BusinessAccess {
  businessId: string;
  /** 'owner' | 'member' for people; 'api_key' for an integrator's key. */
  role: MemberRole | 'api_key';
}

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
    businessAccess?: BusinessAccess;
  }
}
