import { inBatches } from './batches';

describe('inBatches', () => {
  it('runs the statement until it touches less than a full batch, and adds up the rows', async () => {
    const answers = [3, 3, 1];
    const limits: number[] = [];
    const total = await inBatches(async (limit) => {
      limits.push(limit);
      return answers.shift()!;
    }, 3);
    expect(total).toBe(7);
    expect(limits).toEqual([3, 3, 3]);
  });

  it('runs it once when there is nothing to do', async () => {
    const statement = jest.fn().mockResolvedValue(0);
    expect(await inBatches(statement)).toBe(0);
    expect(statement).toHaveBeenCalledTimes(1);
    expect(statement).toHaveBeenCalledWith(5000);
  });
});
