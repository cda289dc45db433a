import { CoreSchema1764288000000 } from './1764288000000-core-schema';
import { AccountsAndAccess1764288100000 } from './1764288100000-accounts-and-access';
import { WebhookEventAttempts1764288300000 } from './1764288300000-webhook-event-attempts';

/** Every migration, oldest first. Append new ones here (files are named <epoch ms>-<name>.ts). */
export const migrations = [CoreSchema1764288000000, AccountsAndAccess1764288100000, WebhookEventAttempts1764288300000];
