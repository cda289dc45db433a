import { EventSubscriber, type EntitySubscriberInterface, type QueryRunner, type TransactionCommitEvent, type TransactionRollbackEvent } from 'typeorm';

/** Work waiting for the end of the transaction open on a connection (a QueryRunner is one connection of one app). */
const pending = new WeakMap<QueryRunner, (() => void)[]>();

/** Runs `effect` when the transaction on `runner` ends, committed or rolled back (at once when none is open on it). */
export function whenTransactionEnds(runner: QueryRunner | undefined, effect: () => void): void {
  if (!runner?.isTransactionActive) return effect();
  const effects = pending.get(runner);
  if (effects) effects.push(effect);
  else pending.set(runner, [effect]);
}

function ended(runner: QueryRunner): void {
  // A savepoint released or rolled back: the outer transaction is still open.
  if (runner.isTransactionActive) return;
  const effects = pending.get(runner);
  if (!effects) return;
  pending.delete(runner);
  for (const effect of effects) effect();
}

/**
 * TypeORM tells the subscribers named in its `subscribers` option when a transaction on a
 * connection commits or rolls back, whoever opened it; this one runs what waits for that end.
 */
@EventSubscriber()
export class TransactionEndSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    ended(event.queryRunner);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    ended(event.queryRunner);
  }
}
