import { Forbidden, Unauthenticated } from '../../common/errors/common.errors';
import { defineError } from '../../common/errors/domain-error';
import type { DeclaredError } from '../../common/http/endpoint';
import { AccountSuspended, CsrfRejected } from '../../modules/auth';

/** Errors of the sandbox simulators' own endpoints (they exist only with PROVIDERS=sandbox). */
export class SandboxCheckoutNotFound extends defineError('SANDBOX.CHECKOUT_NOT_FOUND') {}
export class SandboxCheckoutNotOpen extends defineError('SANDBOX.CHECKOUT_NOT_OPEN') {}
export class SandboxCustomerNotFound extends defineError('SANDBOX.CUSTOMER_NOT_FOUND') {}
export class SandboxNoSubscription extends defineError('SANDBOX.NO_ACTIVE_SUBSCRIPTION') {}

/** Outside development and test, the sandbox's development routes answer Beaker staff only (@PublicInDevelopment). */
export const SANDBOX_ACCESS_ERRORS: DeclaredError[] = [
  { error: Unauthenticated, note: 'outside development and test: not signed in' },
  { error: Forbidden, note: 'outside development and test: not Beaker staff' },
  CsrfRejected,
  AccountSuspended,
];
