/**
 * Rows a retention statement deletes (or clears) at most: a large backlog is pruned by many short
 * statements, none holding its locks on many rows for long, rather than by one that locks a table.
 */
export const PRUNE_BATCH_SIZE = 5000;

/**
 * Runs `statement` (which deletes or clears at most `limit` rows and answers how many) until it
 * touches fewer than a full batch; the rows touched in all.
 */
export async function inBatches(statement: (limit: number) => Promise<number>, batchSize = PRUNE_BATCH_SIZE): Promise<number> {
  let total = 0;
  for (;;) {
    const touched = await statement(batchSize);
    total += touched;
    if (touched < batchSize) return total;
  }
}
