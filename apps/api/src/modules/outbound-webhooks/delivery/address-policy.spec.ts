import { isPublicAddress, urlRefusal } from './address-policy';

describe('outbound webhook address policy', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::10.0.0.1',
    'not-an-ip',
  ])('%s is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it('strict: https to public hosts only', () => {
    expect(urlRefusal('https://hooks.example.com/beaker', 'strict')).toBeNull();
    expect(urlRefusal('https://8.8.8.8/x', 'strict')).toBeNull();
    for (const url of [
      'http://hooks.example.com/beaker',
      'https://localhost/x',
      'https://api.localhost/x',
      'https://127.0.0.1/x',
      'https://[::1]/x',
      'https://[::ffff:127.0.0.1]/x',
      'https://169.254.169.254/latest/meta-data',
      'https://10.0.0.5/x',
      'https://metadata.google.internal/x',
      'https://intranet/x',
      'https://user:pass@hooks.example.com/x',
      'ftp://hooks.example.com/x',
      'nonsense',
    ]) {
      expect({ url, refused: urlRefusal(url, 'strict') !== null }).toEqual({ url, refused: true });
    }
  });

  it('local: https anywhere, http only to localhost', () => {
    expect(urlRefusal('http://localhost:4000/hook', 'local')).toBeNull();
    expect(urlRefusal('http://127.0.0.1:4000/hook', 'local')).toBeNull();
    expect(urlRefusal('http://[::1]:4000/hook', 'local')).toBeNull();
    expect(urlRefusal('https://10.0.0.5/hook', 'local')).toBeNull();
    expect(urlRefusal('http://hooks.example.com/hook', 'local')).not.toBeNull();
    expect(urlRefusal('http://10.0.0.5/hook', 'local')).not.toBeNull();
  });
});
