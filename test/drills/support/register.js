/**
 * Runs the TypeScript sources in a plain node child process (the drills start the API and the worker as real
 * processes they can SIGKILL): `node -r ./test/drills/support/register.js apps/api/src/main.ts`.
 * Compiles each .ts file with swc on require (no type check, the same options as jest) and maps the @kp aliases.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');
const { register } = require('tsconfig-paths');

const root = path.resolve(__dirname, '..', '..', '..');
const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));
register({ baseUrl: root, paths: tsconfig.compilerOptions.paths });

// Compiled files are cached by content (the drills start a dozen processes on the same sources).
const cacheDir = path.join(require('node:os').tmpdir(), `kp-drill-swc-cache-${require('@swc/core/package.json').version}`);
fs.mkdirSync(cacheDir, { recursive: true });

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = require('node:crypto').createHash('sha1').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let code;
  try {
    code = fs.readFileSync(cached, 'utf8');
  } catch {
    code = compile(source, filename);
    const tmp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, cached);
  }
  module._compile(code, filename);
};

function compile(source, filename) {
  return transformSync(source, {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  }).code;
}
