import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { SandboxEmail } from '@beaker/contracts';
import { Clock } from '../../../common/clock';
import { RedisService } from '../../../common/redis/redis.service';
import { Mailer, MailMessage, MailUnavailable } from '../../../common/mail/mailer';

/** How many messages each recipient's inbox keeps, and for how long. */
export const DEV_INBOX_CAPACITY = 50;
const DEV_INBOX_TTL_SECONDS = 7 * 24 * 3600;

function inboxKey(to: string): string {
  return `beaker:dev-inbox:${to.trim().toLowerCase()}`;
}

/**
 * The development inbox (sandbox mode without SMTP_URL): one capped Redis list per recipient, so
 * that mail sent by the worker process is readable through the API process.
 */
@Injectable()
export class DevInbox {
  constructor(
    private readonly redis: RedisService,
    private readonly clock: Clock,
  ) {}

  async deliver(message: MailMessage): Promise<SandboxEmail> {
    const email: SandboxEmail = { id: randomUUID(), ...message, to: message.to.trim().toLowerCase(), sentAt: this.clock.now().toISOString() };
    const key = inboxKey(email.to);
    await this.redis.client
      .multi()
      .lpush(key, JSON.stringify(email))
      .ltrim(key, 0, DEV_INBOX_CAPACITY - 1)
      .expire(key, DEV_INBOX_TTL_SECONDS)
      .exec();
    return email;
  }

  /** Newest first. */
  async list(to: string): Promise<SandboxEmail[]> {
    const raw = await this.redis.client.lrange(inboxKey(to), 0, DEV_INBOX_CAPACITY - 1);
    return raw.map((item) => JSON.parse(item) as SandboxEmail);
  }
}

/** The Mailer in sandbox mode without SMTP_URL. */
@Injectable()
export class DevInboxMailer extends Mailer {
  constructor(private readonly inbox: DevInbox) {
    super();
  }

  async send(message: MailMessage): Promise<void> {
    try {
      await this.inbox.deliver(message);
    } catch {
      throw new MailUnavailable('The development inbox (Redis) is unavailable');
    }
  }
}
