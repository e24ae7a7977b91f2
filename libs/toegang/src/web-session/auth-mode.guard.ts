import { CanActivate, Injectable } from '@nestjs/common';
import { AppConfig } from '@kp/shared/config';
import { DomainException } from '@kp/shared/errors';

/**
 * Route guards that make the login routes of the other mode not exist (404 problem+json), before any validation
 * of the request. They run after the global AuthGuard.
 */
@Injectable()
export class DevLoginAvailableGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(): boolean {
    if (this.config.AUTH_MODE !== 'dev' || this.config.NODE_ENV === 'production') {
      throw DomainException.notFound('De ontwikkel-login is niet beschikbaar: de API gebruikt een OIDC-provider (AUTH_MODE=oidc).');
    }
    return true;
  }
}

@Injectable()
export class OidcLoginAvailableGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(): boolean {
    if (this.config.AUTH_MODE !== 'oidc') {
      throw DomainException.notFound('Inloggen via een OIDC-provider is niet ingeschakeld (AUTH_MODE=dev); gebruik de ontwikkel-login.');
    }
    return true;
  }
}
