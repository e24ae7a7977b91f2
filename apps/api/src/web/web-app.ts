import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import { AppConfig } from '@kp/shared/config';
import { API_BASE_PATH } from '../openapi';

/** The built web app: `WEB_DIR`, else `dist/web` (this file is at apps/api/src/web or dist/apps/api/src/web). */
export function resolveWebDir(config: AppConfig): string {
  if (config.WEB_DIR) return resolve(config.WEB_DIR);
  const fromSource = resolve(__dirname, '../../../../dist/web');
  const fromBuild = resolve(__dirname, '../../../../web');
  return existsSync(join(fromBuild, 'index.html')) ? fromBuild : fromSource;
}

/**
 * Content-Security-Policy of the web app: scripts and styles only from this origin (no inline code),
 * no frames, no plugins, forms only to this origin. React sets inline styles through the CSSOM,
 * which a CSP without 'unsafe-inline' allows.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

const isApiPath = (url: string) => url === API_BASE_PATH.slice(0, 4) || url.startsWith('/api/') || url.startsWith('/api?');

/**
 * Serves the web app from the API's origin: files from the build directory, and `index.html` for every
 * other GET that is not under `/api` (deep links such as /knelpunten/UWV-00018). `/api/*` is never
 * served from here, so an unknown API route stays a 404 problem.
 */
export async function registerWebApp(fastify: FastifyInstance, config: AppConfig): Promise<void> {
  const root = resolveWebDir(config);
  if (!existsSync(join(root, 'index.html'))) {
    new Logger('WebApp').warn(`Geen webapp gevonden in ${root} (npm run build:web); alleen de API wordt geserveerd.`);
    return;
  }
  await fastify.register(fastifyStatic, { root, serve: false, index: false });

  // A catch-all GET route: the API's own routes are more specific and win; anything else under /api goes
  // to the not-found handler (a 404 problem). The handler returns the reply because sendFile streams
  // asynchronously: Fastify then waits for it instead of routing the request on.
  fastify.get('/*', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (isApiPath(path)) return reply.callNotFound();
    reply.header('Content-Security-Policy', WEB_CSP);
    const file = path.replace(/^\/+/, '');
    // Hashed build assets are immutable; everything else is checked every time.
    if (file.startsWith('assets/') && !file.includes('..') && existsSync(join(root, file))) {
      return reply.header('Cache-Control', 'public, max-age=31536000, immutable').sendFile(file);
    }
    if (file !== '' && !file.includes('/') && !file.includes('..') && file !== 'index.html' && existsSync(join(root, file))) {
      return reply.header('Cache-Control', 'no-cache').sendFile(file);
    }
    return reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
  });
}
