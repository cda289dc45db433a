// The auth module's public surface: what other modules may import (nothing else in this folder).
export { AuthModule } from './auth.module';
export type { Actor, ApiKeyActor, BusinessAccess, UserActor } from './access/actor';
export {
  AdminOnly,
  ApiCsrfHeader,
  ApiKeyAllowed,
  BusinessOwnerOnly,
  BusinessRoute,
  CurrentActor,
  CurrentBusinessAccess,
  CurrentUser,
  Public,
  PublicInDevelopment,
  TrialSessionAllowed,
} from './access/decorators';
export { AdminRequestCheck, adminOnlyHook } from './access/admin-request';
export { AccessRecheck } from './access/access-recheck';
export { AccountSuspended, CsrfRejected } from './auth.errors';
export type { User } from './entities/user.entity';
export { MembershipService, type MemberRemoval } from './membership.service';
export { MagicLinksService } from './magic-links.service';
export { SessionsService, type NewSession } from './sessions.service';
export { SessionCookies } from './session-cookies';
export { UsersService } from './users.service';
export { UserSuspensionService } from './user-suspension.service';
export { API_KEY_LIMITED, ApiKeysService } from './api-keys.service';
export { normalizeEmail } from './sign-in-rules';
export { AuthRetention } from './auth-retention.service';
export { accessPolicyOf, describeAccess, type AccessPolicy } from './access/access-policy';
/** Staff pages' DTOs (the admin module composes them). */
export { AdminUserSummaryDto } from './dto/admin-user.dto';
export { MembershipSummaryDto } from './dto/auth.dto';
