import { Injectable, Logger, Optional } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import { AppConfig } from '@kp/shared/config';
import { DomainException, ErrorCode } from '@kp/shared/errors';
import { principalFromClaims } from './claims';
import { DEV_ALGORITHM, DEV_AUDIENCE, DEV_ISSUER, DevIssuer } from './dev-issuer';
import type { Principal } from './principal';
import { MAX_TOKEN_LENGTH } from './request';

/** Asymmetric algorithms accepted from an OIDC provider; never 'none' or HS*. */
export const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'] as const;

export const CLOCK_TOLERANCE_SECONDS = 30;

const INVALID = 'Het toegangstoken is ongeldig.';

/** The signing keys could not be obtained (JWKS unreachable, non-200, unparsable; dev key file unreadable). */
class KeySetUnavailable extends Error {
  constructor(readonly reason: unknown) {
    super('key set unavailable');
  }
}

/** Errors of the key lookup that are the token's fault (unknown kid): everything else is an infrastructure problem. */
function guardKeyLookup(getKey: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await getKey(header, token);
    } catch (e) {
      if (e instanceof errors.JWKSNoMatchingKey || e instanceof errors.JWKSMultipleMatchingKeys) throw e;
      throw new KeySetUnavailable(e);
    }
  };
}

/**
 * Verifies bearer tokens and turns them into a {@link Principal}.
 * 'oidc': signature against the provider's JWKS, issuer AUTH_ISSUER, audience AUTH_AUDIENCE.
 * 'dev': signature against the local {@link DevIssuer} key, issuer urn:knelpunten:dev, audience knelpunten-api.
 * Every failure is a 401 DomainException with a generic Dutch reason (the jose message is only logged at debug level).
 */
@Injectable()
export class TokenVerifier {
  private readonly logger = new Logger(TokenVerifier.name);
  private readonly getKey: JWTVerifyGetKey;
  private readonly options: JWTVerifyOptions;

  constructor(
    private readonly config: AppConfig,
    @Optional() devIssuer?: DevIssuer | null,
  ) {
    const common = { clockTolerance: CLOCK_TOLERANCE_SECONDS, requiredClaims: ['exp', 'sub'] };
    if (config.AUTH_MODE === 'oidc') {
      if (!config.AUTH_JWKS_URL || !config.AUTH_ISSUER || !config.AUTH_AUDIENCE) {
        throw new Error('AUTH_MODE=oidc vereist AUTH_JWKS_URL, AUTH_ISSUER en AUTH_AUDIENCE.');
      }
      this.getKey = guardKeyLookup(createRemoteJWKSet(new URL(config.AUTH_JWKS_URL)));
      this.options = {
        ...common,
        issuer: config.AUTH_ISSUER,
        audience: config.AUTH_AUDIENCE,
        algorithms: [...OIDC_ALGORITHMS],
      };
    } else {
      const issuer = devIssuer ?? new DevIssuer(config);
      this.getKey = guardKeyLookup(() => issuer.publicKey());
      this.options = { ...common, issuer: DEV_ISSUER, audience: DEV_AUDIENCE, algorithms: [DEV_ALGORITHM] };
    }
  }

  async verify(token: string): Promise<Principal> {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      throw DomainException.unauthenticated(INVALID);
    }
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.getKey, this.options));
    } catch (e) {
      throw this.translate(e);
    }
    return principalFromClaims(payload, this.config);
  }

  private translate(e: unknown): DomainException {
    if (e instanceof errors.JWTExpired) {
      return DomainException.unauthenticated('Het toegangstoken is verlopen; vraag een nieuw token aan.');
    }
    if (e instanceof errors.JWTClaimValidationFailed) {
      this.logger.debug(`token rejected: claim ${e.claim} (${e.reason})`);
      if (e.claim === 'iss' || e.claim === 'aud') {
        return DomainException.unauthenticated('Het toegangstoken is niet voor deze toepassing uitgegeven.');
      }
      if (e.claim === 'nbf' || e.claim === 'iat') {
        return DomainException.unauthenticated('Het toegangstoken is nog niet geldig.');
      }
      return DomainException.unauthenticated(INVALID);
    }
    if (e instanceof KeySetUnavailable) {
      // The identity provider could not be reached or answered nonsense: not the caller's fault.
      const reason = e.reason instanceof Error ? `${e.reason.name}: ${e.reason.message}` : String(e.reason);
      this.logger.error(`token verification failed, signing keys unavailable (${reason})`);
      return new DomainException(ErrorCode.SERVICE_UNAVAILABLE, 'De inlogdienst is tijdelijk niet bereikbaar; probeer het later opnieuw.');
    }
    this.logger.debug(`token rejected: ${e instanceof errors.JOSEError ? e.code : 'malformed'}`);
    return DomainException.unauthenticated(INVALID);
  }
}
