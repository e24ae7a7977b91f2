import { Global, Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { ReferenceCodeRepository } from './repositories/reference-code.repository';
import { WebSessionRepository } from './repositories/web-session.repository';
import { ToegangModule } from './toegang.module';
import { DevLoginUseCase } from './use-cases/dev-login/dev-login.use-case';
import { LogoutUseCase } from './use-cases/logout/logout.use-case';
import { CompleteOidcLoginUseCase } from './use-cases/oidc-login/complete-oidc-login.use-case';
import { StartOidcLoginUseCase } from './use-cases/oidc-login/start-oidc-login.use-case';
import { DevLoginAvailableGuard, OidcLoginAvailableGuard } from './web-session/auth-mode.guard';
import { OidcClientService } from './web-session/oidc-client.service';
import { WebSessionService } from './web-session/web-session.service';

/**
 * Browser sessions for the web app (the API as backend-for-frontend): the /auth routes and the session store.
 * Needs the database. Global, so that the AuthGuard of {@link ToegangModule} finds {@link WebSessionService} and
 * accepts the session cookie; without this module the guard accepts bearer tokens only.
 */
@Global()
@Module({
  imports: [ToegangModule],
  controllers: [AuthController],
  providers: [
    WebSessionRepository,
    ReferenceCodeRepository,
    OidcClientService,
    WebSessionService,
    DevLoginUseCase,
    StartOidcLoginUseCase,
    CompleteOidcLoginUseCase,
    LogoutUseCase,
    DevLoginAvailableGuard,
    OidcLoginAvailableGuard,
  ],
  exports: [WebSessionService],
})
export class WebSessionModule {}
