import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyModule } from '../../common/idempotency/idempotency.module';
import { SecretBox } from '../../common/secret-box';
import { AppConfig } from '../../config/app-config';
import { AccessGuard } from './access/access.guard';
import { AdminRequestCheck } from './access/admin-request';
import { ApiKeyStrategy, AppPassport, SessionStrategy } from './access/strategies';
import { AdminUsersController } from './admin-users.controller';
import { ApiKeysController } from './api-keys.controller';
import { AccessRecheck } from './access/access-recheck';
import { ApiKeysService } from './api-keys.service';
import { AuthCache } from './auth-cache';
import { AuthRetention } from './auth-retention.service';
import { AuthController } from './auth.controller';
import { ApiKey } from './entities/api-key.entity';
import { BusinessMember } from './entities/business-member.entity';
import { MagicLink } from './entities/magic-link.entity';
import { Session } from './entities/session.entity';
import { User } from './entities/user.entity';
import { MagicLinksService } from './magic-links.service';
import { MembershipService } from './membership.service';
import { ApiKeysRepository } from './persistence/api-keys.repository';
import { MagicLinksRepository } from './persistence/magic-links.repository';
import { MemberBusinessesReadModel } from './persistence/member-businesses.read-model';
import { MembershipsRepository } from './persistence/memberships.repository';
import { SessionsRepository } from './persistence/sessions.repository';
import { UsersRepository } from './persistence/users.repository';
import { SessionCookies } from './session-cookies';
import { SessionsService } from './sessions.service';
import { UserSuspensionService } from './user-suspension.service';
import { UsersService } from './users.service';

/**
 * Accounts and access: users, sessions, sign-in links, API keys and business memberships.
 * Global: every module relies on its guard, and may use what index.ts exports. See README.md here.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([User, Session, MagicLink, ApiKey, BusinessMember]), IdempotencyModule],
  controllers: [AuthController, ApiKeysController, AdminUsersController],
  providers: [
    UsersRepository,
    SessionsRepository,
    MagicLinksRepository,
    ApiKeysRepository,
    MembershipsRepository,
    MemberBusinessesReadModel,
    AppPassport,
    AuthCache,
    ApiKeyStrategy,
    SessionStrategy,
    SessionCookies,
    SessionsService,
    AccessRecheck,
    MagicLinksService,
    MembershipService,
    UsersService,
    UserSuspensionService,
    ApiKeysService,
    AdminRequestCheck,
    AuthRetention,
    // Seals the API key an idempotent answer keeps (see ApiKeysService.create).
    { provide: SecretBox, inject: [AppConfig], useFactory: (config: AppConfig) => new SecretBox({ webhookSecretsKey: config.env.WEBHOOK_SECRETS_KEY, sessionSecret: config.env.SESSION_SECRET }) },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [MembershipService, SessionsService, AccessRecheck, SessionCookies, ApiKeysService, UsersService, AdminRequestCheck, MagicLinksService, AuthCache, AuthRetention],
})
export class AuthModule {}
