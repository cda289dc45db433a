import { describe, expect, it } from 'vitest';
import { count } from './count';

describe('count', () => {
  it('says "1 call" and "2 calls", "0 calls", and takes an irregular plural', () => {
    expect(count(1, 'call')).toBe('1 call');
    expect(count(2, 'call')).toBe('2 calls');
    expect(count(0, 'call')).toBe('0 calls');
    expect(count(1, 'try', 'tries')).toBe('1 try');
    expect(count(3, 'try', 'tries')).toBe('3 tries');
  });
});
