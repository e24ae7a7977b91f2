/** The roles of the system (see DOMAIN.md, "Who may do what"). Order matters nowhere except in documentation. */
export const ROLLEN = ['indiener', 'driehoek', 'acu', 'programmadirectie', 'admin'] as const;
export type Rol = (typeof ROLLEN)[number];

export function isRol(value: unknown): value is Rol {
  return typeof value === 'string' && (ROLLEN as readonly string[]).includes(value);
}

/**
 * The authenticated caller of a request, derived from a verified bearer token.
 *
 * A token may carry several roles; the principal gets exactly one: the first value of the
 * role claim (in token order) that is one of {@link ROLLEN}. Unknown roles are ignored.
 */
export interface Principal {
  /** The token's `sub`: stable identifier of the user at the identity provider. */
  subject: string;
  /** Display name (name claim, else `preferred_username`, else `sub`). */
  name: string;
  role: Rol;
  /** Organisation code (e.g. `UWV`); always set for role `indiener`. */
  organisation: string | null;
  /** Driehoek code (the organisation's code); always set for role `driehoek`. */
  driehoek: string | null;
}

/** Who did something, as recorded in timelines and logs. */
export interface Actor {
  subject: string;
  name: string;
  role: Rol | 'systeem';
  organisation: string | null;
}

/** The actor for things the system does by itself (deadlines, reminders, escalations). */
export const SYSTEEM_ACTOR: Readonly<Actor> = Object.freeze({
  subject: 'systeem',
  name: 'Systeem',
  role: 'systeem',
  organisation: null,
});

export function toActor(p: Principal): Actor {
  return { subject: p.subject, name: p.name, role: p.role, organisation: p.organisation };
}
