import { defineError } from '../../common/errors/domain-error';

/** Errors of the sandbox simulators' own endpoints (they exist only with PROVIDERS=sandbox). */
export class SandboxCheckoutNotFound extends defineError('SANDBOX.CHECKOUT_NOT_FOUND', 404, 'No such sandbox checkout session') {}
export class SandboxCheckoutNotOpen extends defineError('SANDBOX.CHECKOUT_NOT_OPEN', 409, 'The checkout session is already paid or expired') {}
export class SandboxCustomerNotFound extends defineError('SANDBOX.CUSTOMER_NOT_FOUND', 404, 'No such sandbox customer') {}
export class SandboxNoSubscription extends defineError('SANDBOX.NO_ACTIVE_SUBSCRIPTION', 409, 'The customer has no active subscription') {}
