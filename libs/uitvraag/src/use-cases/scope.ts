import { DomainException } from '@kp/shared/errors';
import type { Principal } from '@kp/toegang/principal';
import type { UitvraagrondeRecord, UitvraagScope } from '../repositories/uitvraagronde.repository';

/** The programmadirectie sees every round; an organisation's users (indiener, driehoek) the rounds they are expected in. */
export function uitvraagScope(p: Principal): UitvraagScope {
  if (p.role === 'programmadirectie') return { kind: 'alles' };
  const organisation = p.role === 'driehoek' ? p.driehoek : p.organisation;
  if (!organisation) throw DomainException.forbidden('Uw account hoort bij geen organisatie.');
  return { kind: 'organisatie', organisation };
}

/** For an organisation's scope (one organisation counted): its own status; otherwise null. */
export function ownStatus(scope: UitvraagScope, r: UitvraagrondeRecord): string | null {
  if (scope.kind === 'alles') return null;
  return r.submitted > 0 ? 'ingediend' : r.late > 0 ? 'te_laat' : 'nog_niet_ingediend';
}
