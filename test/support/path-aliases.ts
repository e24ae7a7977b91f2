import { register } from 'tsconfig-paths';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

let registered = false;

/** jest's moduleNameMapper does not reach globalSetup; register the tsconfig aliases there. */
export function registerPathAliases(): void {
  if (registered) return;
  registered = true;
  const root = resolve(__dirname, '..', '..');
  const tsconfig = JSON.parse(readFileSync(resolve(root, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  register({ baseUrl: root, paths: tsconfig.compilerOptions.paths });
}
