import { DomainException } from '@kp/shared/errors';
import type { Principal } from '@kp/toegang/principal';
import type { InboxScope } from '../../repositories/notification.repository';

/**
 * Whose notifications a caller sees: an indiener those of its organisation, a driehoek member those of its
 * driehoek, ACU and programmadirectie those addressed to their role. The admin manages reference data and reads
 * no other inbox: its inbox holds only what is addressed to the admin role (nothing today). Pure.
 */
export function inboxScopeFor(p: Principal): InboxScope {
  switch (p.role) {
    case 'indiener':
      if (!p.organisation) throw DomainException.forbidden('Uw account is niet aan een organisatie gekoppeld.');
      return { role: 'indiener', scope: p.organisation };
    case 'driehoek':
      if (!p.driehoek) throw DomainException.forbidden('Uw account is niet aan een driehoek gekoppeld.');
      return { role: 'driehoek', scope: p.driehoek };
    case 'acu':
      return { role: 'acu', scope: null };
    case 'programmadirectie':
      return { role: 'programmadirectie', scope: null };
    case 'admin':
      return { role: 'admin', scope: null };
    default: {
      const never: never = p.role;
      throw DomainException.forbidden(`Onbekende rol ${String(never)}.`);
    }
  }
}
