import type { Principal } from '@kp/toegang/principal';
import { DomainException } from '@kp/shared/errors';
import { inboxScopeFor } from './inbox-scope';

const p = (role: Principal['role'], organisation: string | null = null, driehoek: string | null = null): Principal => ({
  subject: 's',
  name: 'n',
  role,
  organisation,
  driehoek,
});

describe('inboxScopeFor', () => {
  it('narrows indiener and driehoek to their own organisation or driehoek', () => {
    expect(inboxScopeFor(p('indiener', 'UWV'))).toEqual({ role: 'indiener', scope: 'UWV' });
    expect(inboxScopeFor(p('driehoek', null, 'SVB'))).toEqual({ role: 'driehoek', scope: 'SVB' });
  });

  it("gives acu, programmadirectie and admin their own role inbox (the admin no one else's)", () => {
    expect(inboxScopeFor(p('acu'))).toEqual({ role: 'acu', scope: null });
    expect(inboxScopeFor(p('programmadirectie'))).toEqual({ role: 'programmadirectie', scope: null });
    expect(inboxScopeFor(p('admin'))).toEqual({ role: 'admin', scope: null });
  });

  it('refuses an indiener without organisation and a driehoek member without driehoek', () => {
    expect(() => inboxScopeFor(p('indiener'))).toThrow(DomainException);
    expect(() => inboxScopeFor(p('driehoek', 'UWV'))).toThrow(DomainException);
  });
});
