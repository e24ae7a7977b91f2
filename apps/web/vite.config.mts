/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * @rijkshuisstijl-community/components-react injects its whole stylesheet again from JavaScript
 * (`styleInject(css)` → a <style> element at run time). That duplicates the CSS we import from
 * components-css and breaks a Content-Security-Policy without 'unsafe-inline'. Strip those calls.
 */
function stripInjectedStyles(): Plugin {
  return {
    name: 'kp-strip-injected-styles',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('@rijkshuisstijl-community/components-react') && !id.includes('@utrecht/')) return null;
      if (!code.includes('styleInject(')) return null;
      return { code: code.replace(/\bstyleInject\(css_[A-Za-z0-9_$]+\);/g, ''), map: null };
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [stripInjectedStyles()],
  resolve: {
    // Pure domain data (statuses, decisions and their fields) shared with the API: one source.
    alias: { '@kp/domain': fileURLToPath(new URL('../../libs/domain/src', import.meta.url)) },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // No inline assets: a strict CSP (no data: scripts) and cacheable files.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      checks: { pluginTimings: false },
      onwarn(warning, warn) {
        // TanStack Query's "use client" directives mean nothing without server components.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    setupFiles: ['src/test-setup.ts'],
  },
});
