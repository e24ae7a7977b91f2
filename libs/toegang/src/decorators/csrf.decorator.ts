import { SetMetadata } from '@nestjs/common';

export const CSRF_HEADER_KEY = 'toegang:csrf-header';

/**
 * The route always requires the web app's CSRF header (`X-Requested-With: knelpunten-web`), whoever calls it and
 * however (used by the routes that start and end a browser session). Other state-changing routes require it only
 * when the caller is authenticated by the session cookie.
 */
export function CsrfHeaderRequired(): MethodDecorator & ClassDecorator {
  return SetMetadata(CSRF_HEADER_KEY, true);
}
