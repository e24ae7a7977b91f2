import { DomainException } from '@kp/shared/errors';
import { isRol, Principal, Rol, ROLLEN } from './principal';

/** The configured claim paths (subset of AppConfig). */
export interface ClaimPaths {
  AUTH_ROLE_CLAIM: string;
  AUTH_ORGANISATION_CLAIM: string;
  AUTH_DRIEHOEK_CLAIM: string;
  AUTH_NAME_CLAIM: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a claim by dotted path (`realm_access.roles`). A top-level claim whose name itself
 * contains dots (e.g. a namespaced `https://example.nl/roles`) is found first.
 */
export function readClaim(payload: Record<string, unknown>, path: string): unknown {
  if (Object.prototype.hasOwnProperty.call(payload, path)) return payload[path];
  let current: unknown = payload;
  for (const segment of path.split('.')) {
    if (!isObject(current) || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = current[segment];
  }
  return current;
}

/** Writes a claim at a dotted path, creating intermediate objects (used by the dev issuer). */
export function writeClaim(payload: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.');
  if (segments.some((s) => s === '__proto__' || s === 'constructor' || s === 'prototype' || s === '')) {
    throw new Error(`Invalid claim path: ${path}`);
  }
  let current = payload;
  for (const segment of segments.slice(0, -1)) {
    if (!isObject(current[segment])) current[segment] = {};
    current = current[segment] as Record<string, unknown>;
  }
  current[segments[segments.length - 1]] = value;
}

/** A role claim may be a string or an array of strings: the first known role wins. */
export function pickRole(value: unknown): Rol | null {
  const candidates = Array.isArray(value) ? value : [value];
  return candidates.find(isRol) ?? null;
}

function stringClaim(value: unknown): string | null {
  const v = Array.isArray(value) ? value.find((x) => typeof x === 'string') : value;
  if (typeof v !== 'string') return null;
  const trimmed = v.trim();
  return trimmed.length > 0 ? trimmed : null;
}

/** Turns verified token claims into a Principal; throws a 401 DomainException when something is missing. */
export function principalFromClaims(payload: Record<string, unknown>, paths: ClaimPaths): Principal {
  const subject = stringClaim(payload.sub);
  if (!subject) throw DomainException.unauthenticated('Het toegangstoken bevat geen gebruikersidentificatie (sub).');

  const role = pickRole(readClaim(payload, paths.AUTH_ROLE_CLAIM));
  if (!role) {
    throw DomainException.unauthenticated(`Het toegangstoken bevat geen geldige rol (verwacht een van: ${ROLLEN.join(', ')}).`);
  }

  const organisation = stringClaim(readClaim(payload, paths.AUTH_ORGANISATION_CLAIM));
  const driehoek = stringClaim(readClaim(payload, paths.AUTH_DRIEHOEK_CLAIM));
  if (role === 'indiener' && !organisation) {
    throw DomainException.unauthenticated(
      `Een toegangstoken met de rol indiener moet een organisatie bevatten (claim "${paths.AUTH_ORGANISATION_CLAIM}").`,
    );
  }
  if (role === 'driehoek' && !driehoek) {
    throw DomainException.unauthenticated(
      `Een toegangstoken met de rol driehoek moet een driehoek bevatten (claim "${paths.AUTH_DRIEHOEK_CLAIM}").`,
    );
  }

  const name = stringClaim(readClaim(payload, paths.AUTH_NAME_CLAIM)) ?? stringClaim(payload.preferred_username) ?? subject;

  return { subject, name, role, organisation, driehoek };
}
