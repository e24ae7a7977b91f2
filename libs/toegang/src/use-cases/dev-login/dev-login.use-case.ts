import { Inject, Injectable } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { AppConfig } from '@kp/shared/config';
import { DomainException, InvalidParam } from '@kp/shared/errors';
import { DevIssuer } from '../../dev-issuer';
import type { DevLoginDto } from '../../dtos/auth.dto';
import type { Principal } from '../../principal';
import { ReferenceCodeRepository } from '../../repositories/reference-code.repository';
import { TokenVerifier } from '../../token-verifier.service';
import { WebSessionService } from '../../web-session/web-session.service';

/**
 * Development login (AUTH_MODE=dev, never in production): checks the organisation and driehoek against the
 * reference data, issues a development token with the {@link DevIssuer} for the session's lifetime, verifies it like
 * any token and stores a session. A session the browser already had is ended.
 */
@Injectable()
export class DevLoginUseCase {
  constructor(
    private readonly config: AppConfig,
    @Inject(DevIssuer) private readonly issuer: DevIssuer | null,
    private readonly verifier: TokenVerifier,
    private readonly refs: ReferenceCodeRepository,
    private readonly sessions: WebSessionService,
  ) {}

  async execute(input: DevLoginDto, previousCookie?: string): Promise<{ cookie: string; principal: Principal }> {
    if (!this.issuer || this.config.AUTH_MODE !== 'dev' || this.config.NODE_ENV === 'production') {
      throw DomainException.notFound('De ontwikkel-login is niet beschikbaar.');
    }
    const invalid: InvalidParam[] = [];
    let organisation: string | undefined;
    let driehoek: string | undefined;
    if (input.organisation) {
      organisation = (await this.refs.organisation(input.organisation)) ?? undefined;
      if (!organisation)
        invalid.push({ name: 'organisation', reason: `${input.organisation} is geen bekende organisatie (zie GET /api/v1/organisations)` });
    }
    // As with `npm run token`: for the driehoek role an organisation alone names the driehoek.
    const driehoekCode = input.driehoek || (input.role === 'driehoek' ? input.organisation : undefined);
    if (driehoekCode && (input.driehoek || organisation)) {
      driehoek = (await this.refs.driehoek(driehoekCode)) ?? undefined;
      if (!driehoek) {
        invalid.push(
          input.driehoek
            ? { name: 'driehoek', reason: `${input.driehoek} is geen bekende driehoek (zie GET /api/v1/driehoeken)` }
            : { name: 'driehoek', reason: `organisatie ${driehoekCode} heeft geen driehoek; geef een driehoek op` },
        );
      }
    }
    if (invalid.length > 0) throw DomainException.validation(invalid);

    const token = await this.issuer.issue({
      role: input.role,
      organisation,
      driehoek,
      name: input.name || undefined,
      expiresIn: `${this.config.SESSION_TTL_HOURS}h`,
    });
    const principal = await this.verifier.verify(token);
    const exp = decodeJwt(token).exp ?? Math.floor(Date.now() / 1000) + this.config.SESSION_TTL_HOURS * 3600;
    if (previousCookie) await this.sessions.end(previousCookie);
    const cookie = await this.sessions.start('dev', principal, {
      accessToken: token,
      accessExpiresAt: new Date(exp * 1000),
      refreshToken: null,
      idToken: null,
    });
    return { cookie, principal };
  }
}
