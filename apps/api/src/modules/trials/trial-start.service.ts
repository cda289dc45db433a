import { Injectable, Logger } from '@nestjs/common';
import type { TrialResponse } from '@beaker/contracts';
import { MagicLinksService, type NewSession, normalizeEmail, SessionsService, UsersService } from '../auth';
import type { StartTrialDto } from './dto/trial.dto';
import { AbuseLog } from './abuse-log.service';
import { isDisposableEmail } from './disposable-email';
import { DisposableEmailRefused } from './trials.errors';
import { ClientInfo, TrialsService } from './trials.service';

export interface StartedTrial {
  trial: TrialResponse;
  /** The trial session's cookie secret: never log it. */
  session: NewSession;
}

/**
 * The trial from the landing page in one form (issue 18): no sign-in first. The person is found or
 * created by email, the trial created with every check of TrialsService.create, and a trial
 * session opened that reaches this trial only (UserActor.trialId). The phone is still proven by
 * its SMS code before any call; the email by the sign-in link sent here, before paying or opening
 * a report on another device (both need a full session).
 */
@Injectable()
export class TrialStartService {
  private readonly logger = new Logger('TrialStart');

  constructor(
    private readonly trials: TrialsService,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly magicLinks: MagicLinksService,
    private readonly abuse: AbuseLog,
  ) {}

  async start(input: StartTrialDto, client: ClientInfo): Promise<StartedTrial> {
    const email = normalizeEmail(input.email);
    // Before an account is made for it (TrialsService.create checks it again, for signed-in people).
    if (isDisposableEmail(email)) {
      const emailDomain = email.slice(email.lastIndexOf('@') + 1);
      await this.abuse.record({ kind: 'disposable_email', userId: null, ip: client.ip, phoneE164: null, emailDomain, details: { domain: emailDomain } });
      throw new DisposableEmailRefused('Use your work or personal email address to start a trial');
    }
    const userId = await this.users.ensure(email);
    const trial = await this.trials.create(
      { id: userId, email },
      { industry: input.industry, businessName: input.businessName, scenario: input.scenario ?? 'lead_intake', phone: input.phone },
      client,
    );
    const session = await this.sessions.create(userId, { ip: client.ip, userAgent: client.userAgent }, undefined, trial.id);
    try {
      // The link signs in for real and returns to this trial.
      await this.magicLinks.request(email, `/try/${trial.id}`, client.ip ?? 'unknown');
    } catch (error) {
      // The trial goes on; the person can ask for a link from the sign-in page.
      this.logger.warn({ trialId: trial.id, error: error instanceof Error ? error.message : String(error) }, 'sign-in link not sent at trial start');
    }
    return { trial, session };
  }
}
