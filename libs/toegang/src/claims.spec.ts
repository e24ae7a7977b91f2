import { DomainException, ErrorCode } from '@kp/shared/errors';
import { pickRole, principalFromClaims, readClaim, writeClaim } from './claims';
import { SYSTEEM_ACTOR, toActor } from './principal';

const paths = {
  AUTH_ROLE_CLAIM: 'roles',
  AUTH_ORGANISATION_CLAIM: 'organisation',
  AUTH_DRIEHOEK_CLAIM: 'driehoek',
  AUTH_NAME_CLAIM: 'name',
};

describe('claims', () => {
  it('reads dotted paths and literal dotted names', () => {
    const payload = { realm_access: { roles: ['acu'] }, 'https://kp.nl/org': 'UWV', a: { b: null } };
    expect(readClaim(payload, 'realm_access.roles')).toEqual(['acu']);
    expect(readClaim(payload, 'https://kp.nl/org')).toBe('UWV');
    expect(readClaim(payload, 'a.b.c')).toBeUndefined();
    expect(readClaim(payload, 'missing.path')).toBeUndefined();
    expect(readClaim(payload, '__proto__.x')).toBeUndefined();
  });

  it('writes dotted paths and refuses prototype paths', () => {
    const payload: Record<string, unknown> = {};
    writeClaim(payload, 'realm_access.roles', ['acu']);
    expect(payload).toEqual({ realm_access: { roles: ['acu'] } });
    expect(() => writeClaim(payload, '__proto__.polluted', true)).toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('picks the first known role from a string or an array', () => {
    expect(pickRole('acu')).toBe('acu');
    expect(pickRole(['offline_access', 'driehoek', 'admin'])).toBe('driehoek');
    expect(pickRole(['Admin'])).toBeNull();
    expect(pickRole(undefined)).toBeNull();
    expect(pickRole({ role: 'admin' })).toBeNull();
  });

  it('builds a principal with name fallbacks', () => {
    expect(principalFromClaims({ sub: 's', roles: 'acu', preferred_username: 'pu' }, paths)).toEqual({
      subject: 's',
      name: 'pu',
      role: 'acu',
      organisation: null,
      driehoek: null,
    });
    expect(principalFromClaims({ sub: 's', roles: ['admin'] }, paths).name).toBe('s');
    expect(principalFromClaims({ sub: 's', roles: ['admin'], name: ' Anna ' }, paths).name).toBe('Anna');
  });

  it('rejects missing role/organisation/driehoek/sub with 401', () => {
    for (const claims of [
      { sub: 's' },
      { sub: 's', roles: ['indiener'] },
      { sub: 's', roles: ['indiener'], organisation: '  ' },
      { sub: 's', roles: ['driehoek'] },
      { roles: ['admin'] },
    ]) {
      let error: unknown;
      try {
        principalFromClaims(claims, paths);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainException);
      expect((error as DomainException).code).toBe(ErrorCode.UNAUTHENTICATED);
    }
  });

  it('maps principals to actors', () => {
    const p = principalFromClaims({ sub: 's', roles: ['indiener'], organisation: 'UWV', name: 'N' }, paths);
    expect(toActor(p)).toEqual({ subject: 's', name: 'N', role: 'indiener', organisation: 'UWV' });
    expect(SYSTEEM_ACTOR).toEqual({ subject: 'systeem', name: 'Systeem', role: 'systeem', organisation: null });
    expect(Object.isFrozen(SYSTEEM_ACTOR)).toBe(true);
  });
});
