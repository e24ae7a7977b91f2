import { DomainException } from '@kp/shared/errors';
import type { Principal } from './principal';

/**
 * Which knelpunten a principal may see; repositories turn this into SQL.
 * Exactly one of the members is set.
 */
export interface KnelpuntScope {
  /** Only knelpunten of this organisation (indiener). */
  organisation?: string;
  /** Only knelpunten of this driehoek (driehoek member). */
  driehoek?: string;
  /** Only knelpunten that were ever escalated to the ACU (ACU). */
  escalatedOnly?: boolean;
  /** Everything (programmadirectie, admin). */
  all?: boolean;
}

export function scopeFor(p: Principal): KnelpuntScope {
  switch (p.role) {
    case 'indiener':
      if (!p.organisation) throw DomainException.forbidden('Uw account is niet aan een organisatie gekoppeld.');
      return { organisation: p.organisation };
    case 'driehoek':
      if (!p.driehoek) throw DomainException.forbidden('Uw account is niet aan een driehoek gekoppeld.');
      return { driehoek: p.driehoek };
    case 'acu':
      return { escalatedOnly: true };
    case 'programmadirectie':
    case 'admin':
      return { all: true };
    default: {
      const never: never = p.role;
      throw DomainException.forbidden(`Onbekende rol ${String(never)}.`);
    }
  }
}
