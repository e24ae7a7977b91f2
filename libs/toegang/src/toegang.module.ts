import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppConfig } from '@kp/shared/config';
import { AuthGuard } from './auth.guard';
import { CallerAuthenticator } from './caller-authenticator';
import { DevIssuer } from './dev-issuer';
import { TokenVerifier } from './token-verifier.service';

/**
 * Access control. Needs `AppConfig` from the global config module. Registers {@link AuthGuard}
 * globally (default deny). `DevIssuer` resolves to null unless AUTH_MODE=dev.
 */
@Module({
  providers: [
    {
      provide: DevIssuer,
      inject: [AppConfig],
      useFactory: (config: AppConfig): DevIssuer | null => (config.AUTH_MODE === 'dev' ? new DevIssuer(config) : null),
    },
    TokenVerifier,
    CallerAuthenticator,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenVerifier, DevIssuer, CallerAuthenticator],
})
export class ToegangModule {}
