import { defineError } from '../../common/errors/domain-error';

/** Errors of the sandbox simulators' own endpoints (they exist only with PROVIDERS=sandbox). */
export class SandboxCheckoutNotFound extends defineError('SANDBOX.CHECKOUT_NOT_FOUND') {}
export class SandboxCheckoutNotOpen extends defineError('SANDBOX.CHECKOUT_NOT_OPEN') {}
export class SandboxCustomerNotFound extends defineError('SANDBOX.CUSTOMER_NOT_FOUND') {}
export class SandboxNoSubscription extends defineError('SANDBOX.NO_ACTIVE_SUBSCRIPTION') {}
