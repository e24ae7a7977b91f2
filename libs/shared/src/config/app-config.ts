import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, validateSync } from 'class-validator';

const toBool = ({ value }: { value: unknown }): unknown =>
  value === undefined || value === '' ? undefined : value === true || value === 'true' || value === '1';
const toInt = ({ value }: { value: unknown }): unknown => (value === undefined || value === '' ? undefined : Number(value));
const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v.length > 0)
    : value;

/**
 * The single, validated configuration of every process (api, worker, scripts).
 * Read once from the environment by {@link loadConfig}; nothing else reads process.env.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** PostgreSQL connection string; when absent in development an embedded PostgreSQL is started. */
  @IsOptional()
  @IsString()
  DATABASE_URL?: string;

  /** Temporal frontend host:port; when absent in development a Temporal dev server is started. */
  @IsOptional()
  @IsString()
  TEMPORAL_ADDRESS?: string;

  @IsString()
  TEMPORAL_NAMESPACE = 'default';

  @IsString()
  TEMPORAL_TASK_QUEUE = 'knelpunten';

  @Transform(toBool)
  @IsBoolean()
  TEMPORAL_TLS = false;

  @IsOptional()
  @IsString()
  TEMPORAL_TLS_CERT_PATH?: string;

  @IsOptional()
  @IsString()
  TEMPORAL_TLS_KEY_PATH?: string;

  @IsOptional()
  @IsString()
  TEMPORAL_TLS_CA_PATH?: string;

  @IsOptional()
  @IsString()
  TEMPORAL_API_KEY?: string;

  /** Whether the workflows set the custom search attributes (the Java time-skipping test server has none). */
  @Transform(toBool)
  @IsBoolean()
  TEMPORAL_SEARCH_ATTRIBUTES = true;

  /** Path of a prebuilt workflow bundle (production); when absent the worker bundles workflows/ at start. */
  @IsOptional()
  @IsString()
  WORKFLOW_BUNDLE_PATH?: string;

  /** Directory of the built web app served at `/` (default: `dist/web` of this checkout or image). */
  @IsOptional()
  @IsString()
  WEB_DIR?: string;

  /** Directory for local state in development: embedded PostgreSQL, Temporal SQLite, dev keys, mail. */
  @IsString()
  DATA_DIR = '.data';

  /** 'dev' = local development issuer (never allowed in production); 'oidc' = verify against an OIDC provider. */
  @IsIn(['dev', 'oidc'])
  AUTH_MODE: 'dev' | 'oidc' = 'dev';

  @IsOptional()
  @IsString()
  AUTH_ISSUER?: string;

  @IsOptional()
  @IsString()
  AUTH_AUDIENCE?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  AUTH_JWKS_URL?: string;

  /** Dotted claim paths, e.g. `realm_access.roles` for Keycloak realm roles. */
  @IsString()
  AUTH_ROLE_CLAIM = 'roles';

  @IsString()
  AUTH_ORGANISATION_CLAIM = 'organisation';

  @IsString()
  AUTH_DRIEHOEK_CLAIM = 'driehoek';

  @IsString()
  AUTH_NAME_CLAIM = 'name';

  /**
   * OIDC client of the web app's login (authorization-code flow with PKCE, the API acting as backend-for-frontend).
   * Defaults to AUTH_AUDIENCE.
   */
  @IsOptional()
  @IsString()
  AUTH_CLIENT_ID?: string = undefined;

  /** Secret of a confidential client; absent = public client (PKCE only). */
  @IsOptional()
  @IsString()
  AUTH_CLIENT_SECRET?: string = undefined;

  /** Scopes requested at login (space-separated; must contain openid). */
  @IsString()
  AUTH_SCOPES = 'openid profile';

  /** Absolute lifetime of a web session (the kp_sessie cookie), in hours. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  SESSION_TTL_HOURS = 8;

  /** A web session that is not used for this many minutes ends (idle timeout). */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(24 * 60 * 30)
  SESSION_IDLE_MINUTES = 60;

  @Transform(toList)
  @IsString({ each: true })
  CORS_ORIGINS: string[] = [];

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 2 * 1024 * 1024;

  /** Requests per minute per client on the mutating routes (intake, decisions). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 600;

  /** 'smtp' sends through SMTP_URL; 'file' writes .eml files under DATA_DIR/mail; 'none' disables e-mail. */
  @IsIn(['smtp', 'file', 'none'])
  MAIL_TRANSPORT: 'smtp' | 'file' | 'none' = 'file';

  @IsOptional()
  @IsString()
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'knelpunten@werkaanuitvoering.example';

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  WEBHOOK_URL?: string;

  /** How often the workflow-start outbox is retried (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  OUTBOX_INTERVAL_MS = 5000;

  /** Run the API and/or the worker inside the same process (tests, simple deployments). */
  @Transform(toBool)
  @IsBoolean()
  RUN_MIGRATIONS = true;

  /** Public base URL of the web UI/API used in e-mails. */
  @IsString()
  PUBLIC_BASE_URL = 'http://localhost:3000';
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash;
  } catch {
    return false;
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Ongeldige configuratie:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once; lists every bad variable at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, unknown> = {};
  for (const key of [...known, 'DATABASE_URL', 'TEMPORAL_ADDRESS']) {
    if (env[key] !== undefined) raw[key] = env[key];
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  const problems = errors.map(
    (e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')} (waarde: ${JSON.stringify(e.value)})`,
  );
  if (config.NODE_ENV === 'production') {
    if (config.AUTH_MODE === 'dev') problems.push('AUTH_MODE: de ontwikkel-issuer mag niet in productie (gebruik oidc)');
    if (!config.DATABASE_URL) problems.push('DATABASE_URL: verplicht in productie');
    if (!config.TEMPORAL_ADDRESS) problems.push('TEMPORAL_ADDRESS: verplicht in productie');
  }
  if (config.AUTH_MODE === 'oidc') {
    for (const k of ['AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_JWKS_URL'] as const) {
      if (!config[k]) problems.push(`${k}: verplicht wanneer AUTH_MODE=oidc`);
    }
    config.AUTH_CLIENT_ID ||= config.AUTH_AUDIENCE;
    if (config.AUTH_ISSUER && !isHttpUrl(config.AUTH_ISSUER)) {
      problems.push(`AUTH_ISSUER: moet een http(s)-URL zijn (waarde: ${JSON.stringify(config.AUTH_ISSUER)})`);
    }
    if (!config.AUTH_SCOPES.split(/\s+/).includes('openid')) {
      problems.push(`AUTH_SCOPES: moet openid bevatten (waarde: ${JSON.stringify(config.AUTH_SCOPES)})`);
    }
    if (!isHttpUrl(config.PUBLIC_BASE_URL)) {
      problems.push(
        `PUBLIC_BASE_URL: moet een http(s)-URL zijn wanneer AUTH_MODE=oidc (de terugkeer-URL van het inloggen; waarde: ${JSON.stringify(config.PUBLIC_BASE_URL)})`,
      );
    }
  }
  if (config.MAIL_TRANSPORT === 'smtp' && !config.SMTP_URL) problems.push('SMTP_URL: verplicht wanneer MAIL_TRANSPORT=smtp');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
