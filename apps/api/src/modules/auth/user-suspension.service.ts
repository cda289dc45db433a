import { Injectable } from '@nestjs/common';
import type { UserSuspension } from '@beaker/contracts';
import { type AuditActor, AuditService } from '../../common/audit/audit.service';
import { Clock } from '../../common/clock';
import { Database } from '../../database/database';
import { AlreadySuspended, CannotSuspendSelf, NotSuspended, UserNotFound } from './auth.errors';
import { AuthCache } from './auth-cache';
import { SessionsRepository } from './persistence/sessions.repository';
import { UsersRepository } from './persistence/users.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Staff suspend and reinstate people. A suspension, the sign-out of every session of the user and
 * its audit line commit together; then every API process drops the user from its AuthCache. From
 * then on: their cookies are refused (revoked, and a suspended user is never cached), the API keys
 * they created are refused (looked up on every request), and signing in answers AUTH.SUSPENDED
 * with the reason.
 */
@Injectable()
export class UserSuspensionService {
  constructor(
    private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditService,
    private readonly cache: AuthCache,
    private readonly clock: Clock,
  ) {}

  async suspend(userId: string, reason: string, actor: AuditActor): Promise<UserSuspension> {
    if (!UUID.test(userId)) throw new UserNotFound();
    if (actor.id && actor.id.toLowerCase() === userId.toLowerCase()) throw new CannotSuspendSelf();
    const result = await this.db.transaction(async (tx) => {
      const user = await this.users.lock(userId, tx);
      if (!user) throw new UserNotFound();
      if (user.suspendedAt) throw new AlreadySuspended(`Suspended since ${user.suspendedAt.toISOString()}`);
      const now = this.clock.now();
      await this.users.setSuspension(user.id, { at: now, reason }, now, tx);
      const sessionsRevoked = await this.sessions.revokeAllForUser(user.id, now, tx);
      await this.audit.record(
        {
          actor,
          action: 'user.suspend',
          target: { type: 'user', id: user.id },
          reason,
          before: { suspendedAt: null },
          after: { suspendedAt: now.toISOString(), suspensionReason: reason },
          details: { email: user.email, sessionsRevoked },
        },
        tx,
      );
      return { userId: user.id, email: user.email, suspendedAt: now.toISOString(), suspensionReason: reason, sessionsRevoked };
    });
    await this.cache.invalidateUser(result.userId);
    return result;
  }

  async lift(userId: string, reason: string, actor: AuditActor): Promise<UserSuspension> {
    if (!UUID.test(userId)) throw new UserNotFound();
    const result = await this.db.transaction(async (tx) => {
      const user = await this.users.lock(userId, tx);
      if (!user) throw new UserNotFound();
      if (!user.suspendedAt) throw new NotSuspended();
      const now = this.clock.now();
      await this.users.setSuspension(user.id, null, now, tx);
      await this.audit.record(
        {
          actor,
          action: 'user.unsuspend',
          target: { type: 'user', id: user.id },
          reason,
          before: { suspendedAt: user.suspendedAt.toISOString(), suspensionReason: user.suspensionReason },
          after: { suspendedAt: null },
          details: { email: user.email },
        },
        tx,
      );
      return { userId: user.id, email: user.email, suspendedAt: null, suspensionReason: null, sessionsRevoked: 0 };
    });
    await this.cache.invalidateUser(result.userId);
    return result;
  }
}
