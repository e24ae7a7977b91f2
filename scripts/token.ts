/**
 * Prints a development bearer token (and nothing else) on stdout:
 *   npm run token -- --role <rol> [--organisation CODE] [--driehoek CODE] [--name "..."] [--subject ...] [--expires 8h]
 * Exit codes: 0 ok, 1 configuration/runtime error, 2 usage error.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@kp/shared/config';
import { DevIssuer, DevTokenError } from '@kp/toegang/dev-issuer';
import { isRol, ROLLEN } from '@kp/toegang/principal';

const USAGE = `Gebruik: npm run token -- --role <${ROLLEN.join('|')}> [--organisation CODE] [--driehoek CODE] [--name "Naam"] [--subject ID] [--expires 8h]`;

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        role: { type: 'string' },
        organisation: { type: 'string' },
        driehoek: { type: 'string' },
        name: { type: 'string' },
        subject: { type: 'string' },
        expires: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    const { code, message } = e as { code?: string; message?: string };
    const option = /'(-[^' ]+)/.exec(message ?? '')?.[1] ?? '';
    const reason =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `onbekende optie ${option}`
        : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
          ? `optie ${option} verwacht een waarde`
          : code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
            ? 'onverwacht argument zonder optie'
            : 'ongeldige argumenten';
    fail(`Fout: ${reason}.\n${USAGE}`, 2);
  }
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return;
  }

  const role = values.role;
  if (typeof role !== 'string' || role === '') fail(`Fout: --role is verplicht.\n${USAGE}`, 2);
  if (!isRol(role)) fail(`Fout: onbekende rol "${role}"; kies uit: ${ROLLEN.join(', ')}.`, 2);
  const str = (k: string): string | undefined => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  if (role === 'indiener' && !str('organisation')?.trim()) fail('Fout: de rol indiener vereist --organisation CODE.', 2);
  // Each organisation's driehoek has the organisation's code: --organisation alone names it too.
  const driehoek = str('driehoek')?.trim() || (role === 'driehoek' ? str('organisation')?.trim() : undefined);
  if (role === 'driehoek' && !driehoek) fail('Fout: de rol driehoek vereist --driehoek CODE (of --organisation CODE).', 2);

  let config;
  try {
    config = loadConfig();
  } catch (e) {
    fail(e instanceof ConfigError ? e.message : `Fout bij het lezen van de configuratie: ${(e as Error).message}`, 1);
  }
  if (config.NODE_ENV === 'production') fail('Fout: ontwikkeltokens kunnen niet in productie worden gemaakt.', 1);
  if (config.AUTH_MODE !== 'dev') {
    fail('Fout: AUTH_MODE is niet "dev"; de API accepteert dan geen ontwikkeltokens. Haal een token bij de OIDC-provider.', 1);
  }

  const issuer = new DevIssuer(config);
  const token = await issuer.issue({
    role,
    organisation: str('organisation')?.trim().toUpperCase(),
    driehoek: driehoek?.toUpperCase(),
    name: str('name'),
    subject: str('subject'),
    expiresIn: str('expires'),
  });
  process.stdout.write(`${token}\n`);
}

main().catch((e: unknown) => fail(`Fout: ${e instanceof Error ? e.message : String(e)}`, e instanceof DevTokenError ? 2 : 1));
