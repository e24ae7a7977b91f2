import 'reflect-metadata';
import { isIP } from 'node:net';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, validateSync } from 'class-validator';

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

  /**
   * Which Temporal `npm run up` starts when TEMPORAL_ADDRESS is absent: `dev` the CLI dev server (SQLite, the quick
   * start), `server` the real Temporal server on the project's PostgreSQL, as in production (scripts/infra/temporal.ts).
   */
  @IsIn(['dev', 'server'])
  TEMPORAL_MODE: 'dev' | 'server' = 'dev';

  /** Temporal frontend host:port; when absent in development a Temporal dev server is started. */
  @IsOptional()
  @IsString()
  TEMPORAL_ADDRESS?: string;

  @IsString()
  TEMPORAL_NAMESPACE = 'default';

  @IsString()
  TEMPORAL_TASK_QUEUE = 'knelpunten';

  /** How long Temporal keeps a closed workflow's history (days): set when the namespace is registered. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  TEMPORAL_RETENTION_DAYS = 30;

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

  /**
   * How long the API waits for a decision, voortgang or deadline change to be applied (ms) before it answers 503 with
   * Retry-After (e.g. no worker running). The command keeps its id as Update id: a retry with the same
   * Idempotency-Key joins it and is never applied twice.
   */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(120_000)
  UPDATE_TIMEOUT_MS = 10_000;

  /**
   * The worker's sticky cache: how many workflow executions it keeps in memory between their tasks (about 100 KB of
   * heap each, measured by the bench). A workflow not in the cache replays its history first. Unset: the SDK's
   * default for the V8 heap limit (2,310 at Node's default heap here). Size it to the open cases that can fire at
   * once (reminders fall due on whole hours) and give the process the heap for it (`--max-old-space-size`).
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  WORKER_MAX_CACHED_WORKFLOWS?: number;

  /**
   * How long a workflow task may wait on this worker's sticky queue before the server gives it to any worker, with its
   * full history (which means a replay). Unset: the SDK default of 10 s. When many reminders fall due at once, the
   * tasks behind the first ten seconds' worth time out and are replayed; set it above the time the worker needs to work
   * through such a wave. The cost: after a crash, tasks already on the dead worker's sticky queue wait this long.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  WORKER_STICKY_TIMEOUT_SECONDS?: number;

  /**
   * Where the worker serves the Temporal SDK's own metrics for Prometheus (`host:port`, scraped at `/metrics`): workflow
   * task and activation latencies, sticky cache size and hits, poller and slot usage. Unset: no metrics endpoint.
   */
  @IsOptional()
  @Matches(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, {
    message: 'WORKER_METRICS_ADDRESS: verwacht host:poort, bijvoorbeeld 0.0.0.0:9464',
  })
  WORKER_METRICS_ADDRESS?: string;

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

  /** Body limit of intake only: POST /standen, /standen/import and /standen/import-controle. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 2 * 1024 * 1024;

  /**
   * Body limit of every other route: the longest valid body (a PATCH of a knelpunt, 40,500 characters of text) in
   * UTF-8 at 3 bytes a character, with room for the JSON around it.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_DEFAULT_BYTES = 128 * 1024;

  /** Deepest nesting of arrays and objects in a JSON body (checked before parsing). */
  @Transform(toInt)
  @IsInt()
  @Min(4)
  @Max(256)
  JSON_MAX_DEPTH = 32;

  /** Most properties in one object of a JSON body. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  JSON_MAX_KEYS_PER_OBJECT = 1000;

  /** Most values (objects, arrays, strings, numbers, booleans, nulls) in one JSON body. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  JSON_MAX_VALUES = 10_000;

  /**
   * Which proxies in front of the API may name the client in X-Forwarded-For: empty (default) trusts none (the
   * socket's peer is the client), a number trusts that many hops, else a comma-separated list of addresses or CIDRs
   * (and proxy-addr's `loopback`, `linklocal`, `uniquelocal`). Checked by {@link trustProxyOf} in loadConfig.
   */
  @IsString()
  TRUST_PROXY = '';

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

  /**
   * How many knelpunt workflows the workflow-start outbox starts at once (each start is one round-trip to Temporal;
   * one at a time caps intake at 1 / start latency). Starting is idempotent, so the order does not matter.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  OUTBOX_START_CONCURRENCY = 16;

  /** How often the delivery dispatcher (worker) looks for due mail and webhook deliveries (ms); an enqueue wakes it sooner. */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(3_600_000)
  DELIVERY_INTERVAL_MS = 2000;

  /** Attempts per delivery before it becomes a dead letter ('mislukt', GET /api/v1/deliveries?state=mislukt). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  DELIVERY_MAX_ATTEMPTS = 10;

  /** Wait after the first failed attempt (ms); doubles per attempt up to DELIVERY_BACKOFF_MAX_MS. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  DELIVERY_BACKOFF_BASE_MS = 10_000;

  /** Longest wait between two attempts of one delivery (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  DELIVERY_BACKOFF_MAX_MS = 3_600_000;

  /**
   * How long a claimed delivery belongs to one dispatcher (ms); after that another may take it over (a dispatcher that
   * died mid-send). Must exceed the longest send (SMTP timeouts 30 s, webhook 5 s).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  DELIVERY_LEASE_MS = 120_000;

  /** Reconcile: a workflow-start outbox row younger than this is in flight, not drift (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  RECONCILE_START_GRACE_MS = 60000;

  /** Reconcile: a delivery 'bezig' this long past its lease, or 'wachtend' this long past its next attempt, is stuck (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  RECONCILE_DELIVERY_GRACE_MS = 900000;

  /** Reconcile: how many workflows are asked for their state at the same time. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  RECONCILE_CONCURRENCY = 16;

  /** Reconcile: how long one workflow may take to answer the state query (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  RECONCILE_QUERY_TIMEOUT_MS = 5000;

  /** Reconcile: drift found is checked again after this pause, so a transition in flight is not reported (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  RECONCILE_SETTLE_MS = 2000;

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

const PROXY_KEYWORDS = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (PROXY_KEYWORDS.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY as Fastify's `trustProxy`: false (no proxy: the socket's peer is the client), a number of hops, or
 * the trusted addresses/CIDRs. A string (the problem) when the value is none of these; `true` (trust any sender of
 * X-Forwarded-For) is refused on purpose.
 */
export function trustProxyOf(value: string): false | number | string[] | { problem: string } {
  const v = value.trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops <= 10 ? hops : { problem: 'hoogstens 10 proxies' };
  }
  if (v === 'true') return { problem: 'true zou elke client laten kiezen welk adres hij heeft; geef het aantal proxies of hun adressen' };
  const entries = v.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !isProxyAddress(e));
  return bad.length === 0 ? entries : { problem: `geen IP-adres of CIDR: ${bad.map((b) => JSON.stringify(b)).join(', ')}` };
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
  const trustProxy = trustProxyOf(config.TRUST_PROXY);
  if (typeof trustProxy === 'object' && !Array.isArray(trustProxy)) {
    problems.push(`TRUST_PROXY: ${trustProxy.problem} (waarde: ${JSON.stringify(config.TRUST_PROXY)})`);
  }
  if (config.MAIL_TRANSPORT === 'smtp' && !config.SMTP_URL) problems.push('SMTP_URL: verplicht wanneer MAIL_TRANSPORT=smtp');
  if (config.DELIVERY_BACKOFF_MAX_MS < config.DELIVERY_BACKOFF_BASE_MS) {
    problems.push(
      `DELIVERY_BACKOFF_MAX_MS: moet minstens DELIVERY_BACKOFF_BASE_MS (${config.DELIVERY_BACKOFF_BASE_MS}) zijn (waarde: ${config.DELIVERY_BACKOFF_MAX_MS})`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
