import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database';
import { ReadModel } from '../../database/read-model';

/**
 * Read model: who may see a trial's calls — the trial's owner, from the trials module's `trials`
 * (the trials module places those calls, so it depends on this one, not the other way round).
 */
@ReadModel({ reads: ['trials'] })
@Injectable()
export class CallAudienceReadModel {
  constructor(private readonly db: Database) {}

  async trialOwnerOf(trialId: string): Promise<string | null> {
    return (await this.db.one<{ user_id: string }>(`SELECT user_id FROM trials WHERE id = $1`, [trialId]))?.user_id ?? null;
  }
}
