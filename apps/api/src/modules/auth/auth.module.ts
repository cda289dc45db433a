import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access/access.guard';
import { AdminRequestCheck } from './access/admin-request';
import { ApiKeyStrategy, AppPassport, SessionStrategy } from './access/strategies';
import { AdminUsersController } from './admin-users.controller';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { AuthCache } from './auth-cache';
import { AuthController } from './auth.controller';
import { AuthJobs } from './auth.jobs';
import { MagicLinksService } from './magic-links.service';
import { MembershipService } from './membership.service';
import { SessionCookies } from './session-cookies';
import { SessionsService } from './sessions.service';

/**
 * Accounts and access. Global: every module relies on its guard and may use MembershipService,
 * SessionsService (revoke on suspension), ApiKeysService and AuthCache (invalidate after changing
 * a membership or a user). See README.md here.
 */
@Global()
@Module({
  controllers: [AuthController, ApiKeysController, AdminUsersController],
  providers: [
    AppPassport,
    AuthCache,
    ApiKeyStrategy,
    SessionStrategy,
    SessionCookies,
    SessionsService,
    MagicLinksService,
    MembershipService,
    ApiKeysService,
    AdminRequestCheck,
    AuthJobs,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [MembershipService, SessionsService, ApiKeysService, AdminRequestCheck, MagicLinksService, AuthCache],
})
export class AuthModule {}
