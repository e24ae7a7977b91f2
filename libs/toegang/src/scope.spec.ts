import { DomainException } from '@kp/shared/errors';
import type { Principal } from './principal';
import { scopeFor } from './scope';

const p = (over: Partial<Principal>): Principal => ({
  subject: 's',
  name: 'n',
  role: 'admin',
  organisation: null,
  driehoek: null,
  ...over,
});

describe('scopeFor', () => {
  it('maps each role to its scope', () => {
    expect(scopeFor(p({ role: 'indiener', organisation: 'UWV' }))).toEqual({ organisation: 'UWV' });
    expect(scopeFor(p({ role: 'driehoek', driehoek: 'SVB', organisation: 'X' }))).toEqual({ driehoek: 'SVB' });
    expect(scopeFor(p({ role: 'acu' }))).toEqual({ escalatedOnly: true });
    expect(scopeFor(p({ role: 'programmadirectie' }))).toEqual({ all: true });
    expect(scopeFor(p({ role: 'admin' }))).toEqual({ all: true });
  });

  it('refuses an indiener without organisation or a driehoek member without driehoek', () => {
    expect(() => scopeFor(p({ role: 'indiener' }))).toThrow(DomainException);
    expect(() => scopeFor(p({ role: 'driehoek' }))).toThrow(DomainException);
  });
});
