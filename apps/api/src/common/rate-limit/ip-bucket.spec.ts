import { ipBucket } from './ip-bucket';

describe('ipBucket: what a per-IP limit counts a client by', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(ipBucket('203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts IPv6 by its /64: every address inside one subscriber block is one client', () => {
    const bucket = ipBucket('2001:db8:aa:bb:1:2:3:4');
    expect(bucket).toBe('2001:db8:aa:bb::/64');
    for (const other of ['2001:db8:aa:bb::1', '2001:0db8:00aa:00bb:ffff:ffff:ffff:ffff', '2001:DB8:AA:BB:0:0:0:9', '2001:db8:aa:bb::1.2.3.4', '2001:db8:aa:bb::7%eth0']) {
      expect([other, ipBucket(other)]).toEqual([other, bucket]);
    }
    expect(ipBucket('2001:db8:aa:bc::1')).not.toBe(bucket);
    expect(ipBucket('::1')).toBe('0:0:0:0::/64');
  });

  it('reads an IPv4 address mapped into IPv6 as the IPv4 address', () => {
    expect(ipBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(ipBucket('::FFFF:cb00:7107')).toBe('203.0.113.7');
  });

  it('leaves what is not an address alone', () => {
    expect(ipBucket('unknown')).toBe('unknown');
  });
});
