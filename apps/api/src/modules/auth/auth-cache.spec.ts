import { BoundedTtlMap } from './auth-cache';

describe('BoundedTtlMap (the auth cache’s store)', () => {
  it('answers for less than the TTL, then forgets', () => {
    const map = new BoundedTtlMap<string>(10, 5000);
    map.set('k', 'v', 1000);
    expect(map.get('k', 1000)).toBe('v');
    expect(map.get('k', 5999)).toBe('v');
    expect(map.get('k', 6000)).toBeUndefined();
    expect(map.size).toBe(0);
  });

  it('treats an entry loaded "in the future" (the clock went back) as stale', () => {
    const map = new BoundedTtlMap<string>(10, 5000);
    map.set('k', 'v', 10_000);
    expect(map.get('k', 9_999)).toBeUndefined();
  });

  it('never holds more than its bound: the oldest insertion goes first', () => {
    const map = new BoundedTtlMap<number>(3, 60_000);
    for (let i = 0; i < 5; i++) map.set(`k${i}`, i, 0);
    expect(map.size).toBe(3);
    expect([map.get('k0', 1), map.get('k1', 1), map.get('k2', 1), map.get('k3', 1), map.get('k4', 1)]).toEqual([undefined, undefined, 2, 3, 4]);
    // Setting again moves a key to the back of the line.
    map.set('k2', 22, 2);
    map.set('k5', 5, 2);
    expect(map.get('k2', 3)).toBe(22);
    expect(map.get('k3', 3)).toBeUndefined();
  });

  it('replace keeps the age; deleteWhere drops what matches', () => {
    const map = new BoundedTtlMap<string>(10, 5000);
    map.set('a:1', 'x', 0);
    map.set('b:1', 'y', 0);
    map.set('b:2', 'z', 0);
    map.replace('a:1', 'x2');
    map.replace('missing', 'w');
    expect(map.get('a:1', 4999)).toBe('x2');
    expect(map.get('a:1', 5000)).toBeUndefined();
    expect(map.get('missing', 1)).toBeUndefined();
    map.deleteWhere((_v, key) => key.endsWith(':1'));
    expect([map.get('b:1', 1), map.get('b:2', 1)]).toEqual([undefined, 'z']);
  });
});
