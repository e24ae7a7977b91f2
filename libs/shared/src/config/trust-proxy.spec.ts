import { ConfigError, loadConfig, trustProxyOf } from './app-config';

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default, so X-Forwarded-For is ignored', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe('');
    expect(trustProxyOf('')).toBe(false);
    expect(trustProxyOf('0')).toBe(false);
  });

  it('takes a number of hops or a list of addresses and CIDRs', () => {
    expect(trustProxyOf('1')).toBe(1);
    expect(trustProxyOf('10.0.0.1, 10.1.0.0/16,::1, fd00::/8, loopback')).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe('2');
  });

  it.each(['true', 'proxy.example', '10.0.0.0/33', '::1/129', '10.0.0.1,', '999.0.0.1', '11'])('refuses %j at start-up', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });
});
