import { Body, Controller, Get, Header, HttpCode, Post, Query, Redirect, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiFoundResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@kp/shared/config';
import { DomainException, ErrorCode } from '@kp/shared/errors';
import { CsrfHeaderRequired, OptionalPrincipal, Public } from './decorators';
import { DevLoginDto, LoginQueryDto, LogoutDto, SessionDto } from './dtos/auth.dto';
import type { Principal } from './principal';
import { CompleteOidcLoginUseCase, LOGIN_PAGE } from './use-cases/oidc-login/complete-oidc-login.use-case';
import { DevLoginUseCase } from './use-cases/dev-login/dev-login.use-case';
import { LogoutUseCase } from './use-cases/logout/logout.use-case';
import { StartOidcLoginUseCase } from './use-cases/oidc-login/start-oidc-login.use-case';
import { DevLoginAvailableGuard, OidcLoginAvailableGuard } from './web-session/auth-mode.guard';
import { clearing, LOGIN_COOKIE, loginCookieOptions, readCookie, SESSION_COOKIE, sessionCookieOptions } from './web-session/session-cookie';

/** The CSRF header in the OpenAPI document of the routes that always need it. */
const CSRF_HEADER_DOC = ApiHeader({
  name: 'X-Requested-With',
  required: true,
  description: 'Bescherming tegen cross-site request forgery; altijd knelpunten-web',
  schema: { type: 'string', enum: ['knelpunten-web'] },
});
const CSRF_REFUSED_DOC = ApiForbiddenResponse({ description: 'Zonder de header X-Requested-With: knelpunten-web (CSRF)' });

interface RedirectTo {
  url: string;
  statusCode: number;
}

/**
 * Browser sessions of the web app; the API acts as backend-for-frontend. The browser gets only an httpOnly cookie
 * (kp_sessie, SameSite=Strict); tokens stay on the server. Every route is public: they establish who the caller is.
 * POST routes need `X-Requested-With: knelpunten-web` (CSRF).
 */
@ApiTags('inloggen')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly config: AppConfig,
    private readonly devLoginUseCase: DevLoginUseCase,
    private readonly startLogin: StartOidcLoginUseCase,
    private readonly completeLogin: CompleteOidcLoginUseCase,
    private readonly logoutUseCase: LogoutUseCase,
  ) {}

  @Get('sessie')
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Wie is ingelogd: uit de sessiecookie of een bearer-token; authenticated=false zonder geldige sessie' })
  @ApiOkResponse({ type: SessionDto })
  session(@OptionalPrincipal() principal: Principal | null): SessionDto {
    return this.toSession(principal);
  }

  @Post('dev-login')
  @Public()
  @CsrfHeaderRequired()
  @UseGuards(DevLoginAvailableGuard)
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Ontwikkel-login met een rol (alleen AUTH_MODE=dev, nooit in productie; anders 404): zet de sessiecookie kp_sessie',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiNotFoundResponse({ description: 'Niet beschikbaar (AUTH_MODE=oidc of productie)' })
  @CSRF_HEADER_DOC
  @CSRF_REFUSED_DOC
  async devLogin(
    @Body() body: DevLoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    const { cookie, principal } = await this.devLoginUseCase.execute(body, readCookie(request, SESSION_COOKIE));
    reply.setCookie(SESSION_COOKIE, cookie, sessionCookieOptions(this.config));
    // The audit log records who logged in.
    request.principal = principal;
    return this.toSession(principal);
  }

  @Get('login')
  @Public()
  @UseGuards(OidcLoginAvailableGuard)
  @Redirect()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Inloggen bij de OIDC-provider (alleen AUTH_MODE=oidc, anders 404): 302 naar de autorisatie-URL (authorization code flow met PKCE S256, state en nonce)',
  })
  @ApiFoundResponse({ description: 'Naar de provider; bij een onbereikbare provider naar /inloggen?fout=niet-beschikbaar' })
  @ApiNotFoundResponse({ description: 'Niet beschikbaar (AUTH_MODE=dev)' })
  async login(
    @Query() query: LoginQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RedirectTo> {
    try {
      const { authorizationUrl, loginCookie } = await this.startLogin.execute(
        query.returnTo,
        readCookie(request, LOGIN_COOKIE),
        query.prompt,
      );
      reply.setCookie(LOGIN_COOKIE, loginCookie, loginCookieOptions(this.config));
      return { url: authorizationUrl, statusCode: 302 };
    } catch (e) {
      if (!(e instanceof DomainException && e.code === ErrorCode.SERVICE_UNAVAILABLE)) throw e;
      // Discovery failed (logged): a browser navigation gets the login page with a reason, not an error document.
      return { url: `${LOGIN_PAGE}?fout=niet-beschikbaar`, statusCode: 302 };
    }
  }

  @Get('callback')
  @Public()
  @UseGuards(OidcLoginAvailableGuard)
  @Redirect()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Terugkeer van de OIDC-provider: wisselt de code in, zet de sessiecookie en stuurt door naar returnTo; ' +
      'bij een fout naar /inloggen?fout=<code> (geannuleerd, provider-fout, ongeldig, niet-beschikbaar, verlopen, geen-toegang)',
  })
  @ApiQuery({ name: 'code', required: false, description: 'Autorisatiecode van de provider' })
  @ApiQuery({ name: 'state', required: false, description: 'De state van het inlogverzoek' })
  @ApiQuery({ name: 'error', required: false, description: 'Foutcode van de provider (bijvoorbeeld access_denied)' })
  @ApiFoundResponse({ description: 'Naar returnTo (ingelogd) of naar /inloggen?fout=<code>' })
  @ApiNotFoundResponse({ description: 'Niet beschikbaar (AUTH_MODE=dev)' })
  async callback(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<RedirectTo> {
    // The raw query: providers add parameters of their own (session_state, iss) that no DTO should refuse.
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    const outcome = await this.completeLogin.execute(query, readCookie(request, LOGIN_COOKIE), readCookie(request, SESSION_COOKIE));
    reply.clearCookie(LOGIN_COOKIE, clearing(loginCookieOptions(this.config)));
    if (outcome.ok) {
      reply.setCookie(SESSION_COOKIE, outcome.cookie, sessionCookieOptions(this.config));
      request.principal = outcome.principal;
    }
    return { url: outcome.location, statusCode: 302 };
  }

  @Post('logout')
  @Public()
  @CsrfHeaderRequired()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Uitloggen: beëindigt de sessie en wist de cookie; bij oidc met de uitlog-URL van de provider (logoutUrl)',
  })
  @ApiOkResponse({ type: LogoutDto })
  @CSRF_HEADER_DOC
  @CSRF_REFUSED_DOC
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<LogoutDto> {
    const result = await this.logoutUseCase.execute(readCookie(request, SESSION_COOKIE));
    reply.clearCookie(SESSION_COOKIE, clearing(sessionCookieOptions(this.config)));
    return result;
  }

  private toSession(principal: Principal | null): SessionDto {
    const mode = this.config.AUTH_MODE;
    if (!principal) return { authenticated: false, mode };
    const { subject, name, role, organisation, driehoek } = principal;
    return {
      authenticated: true,
      mode,
      user: { subject, name, role, ...(organisation ? { organisation } : {}), ...(driehoek ? { driehoek } : {}) },
    };
  }
}
