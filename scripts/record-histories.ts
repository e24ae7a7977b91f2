/**
 * Records the workflow histories that test/workflow/replay.int-spec.ts replays with Worker.runReplayHistories.
 *
 * Representative paths run on real components started here in a throwaway directory: an embedded PostgreSQL
 * (migrated and seeded), the API (Fastify inject), the worker's real activities, a Temporal dev server for the
 * decision paths and the Java time-skipping test server for the deadline paths. Each history is written as
 * standard Temporal history JSON (`historyToJSON`, the format of `temporal workflow show --output json`) to
 * test/histories/<generation>/<name>.json (default: the newest generation, see HISTORY_GENERATIONS).
 *
 *   npm run build && node dist/scripts/record-histories.js [--out <dir>] [--only <name,name>]
 *
 * Re-record after an intended change of the workflow's commands (and guard running workflows with `patched()`),
 * never to make a failing replay pass.
 */
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client, Connection } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres, PostgresHandle } from './infra/postgres';
import { startTemporalDevServer, TemporalDevServerHandle } from './infra/temporal-dev-server';
import { registerSearchAttributes, timeSkippingServerExecutable } from './infra/time-skipping';
import { infraLog } from './infra/log';
import { AppConfig, loadConfig } from '../libs/shared/src/config';
import { dataSourceOptions, runMigrations } from '../libs/shared/src/database/data-source';
import { seedReferenceData } from '../libs/referentie/src/seed/seed-reference-data';
import { addDays, addWeeks, startOfDayAmsterdam, toLocalDateAmsterdam } from '../libs/domain/src';
import { createApiApp } from '../apps/api/src/bootstrap';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { KNELPUNT_ACTIVITIES } from '../apps/worker/src/temporal-worker.service';
import { DevIssuer } from '../libs/toegang/src/dev-issuer';
import type { KnelpuntActivities } from '../workflows/knelpunt/knelpunt.activities-contract';
import { knelpuntWorkflowId, stateQuery } from '../workflows/knelpunt/knelpunt.contract';

/** The repository root, from scripts/ (sources) or dist/scripts/ (the build). */
const ROOT = basename(resolve(__dirname, '..')) === 'dist' ? resolve(__dirname, '..', '..') : resolve(__dirname, '..');

/** Where the committed histories live. */
export const HISTORY_DIR = join(ROOT, 'test', 'histories');

// ---------- history JSON ----------
//
// The SDK's historyToJSON/historyFromJSON (@temporalio/common/lib/proto-utils) fail here with "type must be a Type":
// npm installed separate copies of protobufjs 8 under @temporalio/common and @temporalio/proto (the root holds the
// protobufjs 7 of @grpc/proto-loader), and protojson from one copy rejects the reflection types of the other.
// These two do the same conversion (proto3 JSON, as `temporal workflow show --output json` writes it) with the
// protobufjs copy that @temporalio/proto itself uses.

type ProtoJson = {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): unknown;
};
type ReflectedType = { fromObject(o: unknown): unknown };

let codec: { protojson: ProtoJson; historyType: ReflectedType } | undefined;

function historyCodec(): { protojson: ProtoJson; historyType: ReflectedType } {
  if (!codec) {
    const protoDir = dirname(require.resolve('@temporalio/proto/package.json'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const protojson = require(require.resolve('protobufjs/ext/protojson', { paths: [protoDir] })) as ProtoJson;
    const root = patchProtobufRoot(proto) as unknown as { lookupType(name: string): ReflectedType };
    codec = { protojson, historyType: root.lookupType('temporal.api.history.v1.History') };
  }
  return codec;
}

/** A fetched history as proto3 JSON text. */
export function historyToJson(history: History): string {
  const { protojson, historyType } = historyCodec();
  return `${JSON.stringify(protojson.toJson(historyType, historyType.fromObject(history)), null, 2)}\n`;
}

/** Parses proto3 JSON (as written by historyToJson) into a History for Worker.runReplayHistories. */
export function historyFromJson(json: unknown): History {
  const { protojson, historyType } = historyCodec();
  const history = protojson.fromJson(historyType, json, { ignoreUnknownFields: true }) as History | null;
  if (!history?.events?.length) throw new TypeError('Geen geldige workflowgeschiedenis');
  return history;
}

/** The committed histories, each with its file name (without .json) as workflow id. */
/** The core generations whose histories are kept: each is replayed against the current code. */
export const HISTORY_GENERATIONS = ['kern-v1', 'kern-v2', 'kern-v2-korte-runs', 'kern-v2-planning'] as const;

/** Every committed history, named `<generation>/<path>` (e.g. `kern-v2/politiek-uitkomst`). */
export function loadHistories(root = HISTORY_DIR): { workflowId: string; history: History }[] {
  return HISTORY_GENERATIONS.flatMap((generation) => {
    const dir = join(root, generation);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => ({
        workflowId: `${generation}/${f.replace(/\.json$/, '')}`,
        history: historyFromJson(JSON.parse(readFileSync(join(dir, f), 'utf8'))),
      }));
  });
}

interface Args {
  out: string;
  only: Set<string> | null;
}

function parseArgs(argv: string[]): Args {
  let out = join(HISTORY_DIR, HISTORY_GENERATIONS[HISTORY_GENERATIONS.length - 1]!);
  let only: Set<string> | null = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out = resolve(argv[++i] ?? out);
    else if (argv[i] === '--only') only = new Set((argv[++i] ?? '').split(',').filter(Boolean));
    else throw new Error(`Onbekend argument: ${argv[i]}`);
  }
  return { out, only };
}

/** The parts of GET /api/v1/knelpunten/{id} the recorder looks at. */
interface KnelpuntView {
  id: string;
  status: string;
  details: { flags: string[]; acuMeetingDate?: string; acuCarryOvers?: number };
}

/** An API on the shared database, with a dev-token issuer and Fastify inject. */
class Api {
  private constructor(
    readonly config: AppConfig,
    readonly app: NestFastifyApplication,
    private readonly issuer: DevIssuer,
  ) {}

  static async start(config: AppConfig): Promise<Api> {
    const app = await createApiApp(config, { logger: ['error'] });
    await app.getHttpAdapter().getInstance().ready();
    return new Api(config, app, new DevIssuer(config));
  }

  token(role: 'indiener' | 'driehoek' | 'acu' | 'programmadirectie', name: string): Promise<string> {
    return this.issuer.issue({
      role,
      name,
      organisation: role === 'indiener' ? 'UWV' : undefined,
      driehoek: role === 'driehoek' ? 'UWV' : undefined,
    });
  }

  async call(method: 'GET' | 'POST', url: string, token: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const res = await this.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        payload: body === undefined ? undefined : JSON.stringify(body),
      });
    return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as unknown) : undefined };
  }

  async must<T = unknown>(method: 'GET' | 'POST', url: string, token: string, body?: unknown): Promise<T> {
    const res = await this.call(method, url, token, body);
    if (res.status >= 300) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  }

  /** One knelpunt through the intake; its workflow is started by the outbox on this API's Temporal. */
  async submit(title: string): Promise<string> {
    const token = await this.token('indiener', 'Ina Indiener');
    const stand = await this.must<{ knelpunten: { id: string }[] }>('POST', '/api/v1/standen', token, {
      organisation: 'UWV',
      period: '2025',
      title: `Stand voor opname: ${title} (${randomUUID().slice(0, 8)})`,
      knelpunten: [
        {
          title,
          description: 'Burgers met meerdere regelingen krijgen tegenstrijdige beslissingen.',
          theme: 'vereenvoudiging',
          law: 'Participatiewet',
          ministry: 'SZW',
        },
      ],
    });
    const id = stand.knelpunten[0]!.id;
    await this.until(id, (k) => k.status === 'bij_driehoek');
    return id;
  }

  async until(id: string, check: (k: KnelpuntView) => boolean, timeoutMs = 60_000): Promise<KnelpuntView> {
    const token = await this.token('programmadirectie', 'Paula Programma');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await this.call('GET', `/api/v1/knelpunten/${id}`, token);
      const k = res.body as KnelpuntView;
      if (res.status === 200 && check(k)) return k;
      if (Date.now() > deadline) throw new Error(`knelpunt ${id}: timed out (status ${String(k?.status)})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async decide(id: string, role: 'indiener' | 'driehoek' | 'acu' | 'programmadirectie', body: Record<string, unknown>): Promise<unknown> {
    return this.must('POST', `/api/v1/knelpunten/${id}/decisions`, await this.token(role, `Opname ${role}`), body);
  }

  close(): Promise<void> {
    return this.app.close();
  }
}

type Recorder = (api: Api, extra: { env?: TestWorkflowEnvironment }) => Promise<string>;

const targetDate = (): string => addDays(toLocalDateAmsterdam(new Date()), 120);

/** Decision paths on the dev server (through the API, as in production). */
const DEV_SERVER_PATHS: Record<string, Recorder> = {
  'oppakken-voortgang-afronden': async (api) => {
    const id = await api.submit('Oppakken, voortgang en afronden');
    await api.decide(id, 'driehoek', {
      decision: 'oppakken',
      owner: 'Directie Uitvoeringsbeleid',
      targetDate: targetDate(),
      plan: 'Peildata gelijktrekken',
    });
    await api.must('POST', `/api/v1/knelpunten/${id}/voortgang`, await api.token('indiener', 'Ina Indiener'), {
      summary: 'Wetsvoorstel in consultatie.',
    });
    await api.decide(id, 'driehoek', { decision: 'afronden', outcome: 'opgelost', summary: 'Peildata gelijkgetrokken.' });
    return id;
  },
  'escalatie-doorbraakteam': async (api) => {
    const id = await api.submit('Escalatie naar de ACU en een doorbraakteam');
    await api.decide(id, 'driehoek', { decision: 'escaleren_acu', motivation: 'Raakt ook SVB en DUO: overkoepelend.' });
    await api.decide(id, 'acu', { decision: 'toewijzen_doorbraakteam', team: 'gegevensdeling' });
    return id;
  },
  'politiek-uitkomst': async (api) => {
    const id = await api.submit('Naar de politiek en een uitkomst');
    await api.decide(id, 'driehoek', { decision: 'naar_politiek', instrument: 'kamervragen', motivation: 'Vraagt een politieke keuze.' });
    await api.decide(id, 'programmadirectie', { decision: 'politieke_uitkomst', result: 'opgelost', summary: 'Kamervragen beantwoord.' });
    return id;
  },
  'informatie-aanleveren': async (api) => {
    const id = await api.submit('Informatie opvragen en aanleveren');
    await api.decide(id, 'driehoek', { decision: 'informatie_opvragen', question: 'Om hoeveel huishoudens gaat het?' });
    await api.decide(id, 'indiener', { decision: 'informatie_aanleveren', response: 'Ongeveer 12.000 per jaar.' });
    return id;
  },
  'termijnacties-en-gelijktijdige-beslissingen': async (api) => {
    const id = await api.submit('Termijnacties en twee beslissingen tegelijk');
    const driehoek = await api.token('driehoek', 'Dirk Driehoek');
    const pd = await api.token('programmadirectie', 'Paula Programma');
    const url = `/api/v1/knelpunten/${id}/deadline-actions`;
    await api.must('POST', url, driehoek, { action: 'opschorten', deadline: 'driehoek_besluit', reason: 'Wachten op advies' });
    await api.must('POST', url, driehoek, { action: 'hervatten', deadline: 'driehoek_besluit', reason: 'Advies ontvangen' });
    await api.must('POST', url, pd, {
      action: 'verlengen',
      deadline: 'driehoek_besluit',
      reason: 'Extra overleg',
      extension: { amount: 2, unit: 'weken' },
    });
    const results = await Promise.all([
      api.call('POST', `/api/v1/knelpunten/${id}/decisions`, driehoek, {
        decision: 'oppakken',
        owner: 'Directie Uitvoeringsbeleid',
        targetDate: targetDate(),
        plan: 'Peildata gelijktrekken',
      }),
      api.call('POST', `/api/v1/knelpunten/${id}/decisions`, driehoek, {
        decision: 'afwijzen',
        outcome: 'geen_knelpunt',
        motivation: 'Geen knelpunt.',
      }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    if (statuses.join() !== '200,409') throw new Error(`two decisions at once gave ${statuses.join()}`);
    return id;
  },
};

/** Deadline paths with the clock skipped (time-skipping test server). */
const TIME_SKIPPED_PATHS: Record<string, Recorder> = {
  'termijnen-herinneringen-verlopen-acu': async (api, { env }) => {
    const id = await api.submit('Geen besluit: herinneringen, verlopen en de ACU');
    const client = env!.client;
    const handle = client.workflow.getHandle(knelpuntWorkflowId(id));
    const due = (await handle.query(stateQuery)).deadlines[0]!.dueDate;
    // Past the automatic escalation (4 weeks after the due date) and the first ACU meeting: carried over once.
    await env!.sleep(startOfDayAmsterdam(addDays(addWeeks(due, 4), 1)).getTime() + 3_600_000 - (await env!.currentTimeMs()));
    const escalated = await api.until(id, (k) => k.status === 'bij_acu');
    const meeting = escalated.details.acuMeetingDate;
    if (!meeting) throw new Error('escalated without an ACU meeting');
    await env!.sleep(startOfDayAmsterdam(addDays(meeting, 1)).getTime() + 3_600_000 - (await env!.currentTimeMs()));
    await api.until(id, (k) => k.details.acuCarryOvers === 1);
    return id;
  },
  'informatie-onbeantwoord': async (api, { env }) => {
    const id = await api.submit('Informatieverzoek onbeantwoord');
    await api.decide(id, 'driehoek', { decision: 'informatie_opvragen', question: 'Hoeveel bezwaarschriften?' });
    await env!.sleep('3 weeks');
    await api.until(id, (k) => k.status === 'bij_driehoek' && k.details.flags.includes('informatie_onbeantwoord'));
    return id;
  },
};

async function writeHistory(client: Client, knelpuntId: string, out: string, name: string): Promise<void> {
  const history = await client.workflow.getHandle(knelpuntWorkflowId(knelpuntId)).fetchHistory();
  const file = join(out, `${name}.json`);
  writeFileSync(file, historyToJson(history));
  infraLog(`${name}: ${history.events?.length ?? 0} events → ${file}`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const wanted = (name: string): boolean => args.only === null || args.only.has(name);
  mkdirSync(args.out, { recursive: true });
  const root = mkdtempSync(join(tmpdir(), 'kp-record-'));
  let pg: PostgresHandle | undefined;
  let temporal: TemporalDevServerHandle | undefined;
  let env: TestWorkflowEnvironment | undefined;
  const closers: (() => Promise<unknown>)[] = [];
  try {
    const [pgHandle, devServer, bundle] = await Promise.all([
      startEmbeddedPostgres({ dataDir: join(root, 'pg'), persistent: false, databaseName: 'kp_record' }),
      startTemporalDevServer({ uiPort: null, logFile: join(root, 'temporal.log') }),
      bundleWorkflowCode({ workflowsPath: require.resolve('../workflows') }).then((b) => {
        const path = join(root, 'workflow-bundle.js');
        writeFileSync(path, b.code);
        return path;
      }),
    ]);
    pg = pgHandle;
    temporal = devServer;
    await runMigrations(pg.url);
    const ds = new DataSource(dataSourceOptions(pg.url));
    await ds.initialize();
    await seedReferenceData(ds);
    await ds.destroy();

    const configFor = (address: string, taskQueue: string): AppConfig =>
      loadConfig({
        NODE_ENV: 'development',
        DATABASE_URL: pg!.url,
        TEMPORAL_ADDRESS: address,
        TEMPORAL_TASK_QUEUE: taskQueue,
        WORKFLOW_BUNDLE_PATH: bundle,
        DATA_DIR: root,
        AUTH_MODE: 'dev',
        MAIL_TRANSPORT: 'file',
        RUN_MIGRATIONS: 'false',
        OUTBOX_INTERVAL_MS: '500',
        RATE_LIMIT_PER_MINUTE: '100000',
      });

    // Phase 1: the decision paths on the dev server, with the production worker (WorkerModule) and outbox.
    const devNames = Object.keys(DEV_SERVER_PATHS).filter(wanted);
    if (devNames.length > 0) {
      const config = configFor(temporal.address, `knelpunten-record-${randomUUID()}`);
      const worker = await NestFactory.createApplicationContext(WorkerModule.forConfig(config), { logger: ['error'] });
      await worker.init();
      const api = await Api.start(config);
      const client = new Client({ connection: await Connection.connect({ address: temporal.address }) });
      try {
        for (const name of devNames) await writeHistory(client, await DEV_SERVER_PATHS[name]!(api, {}), args.out, name);
      } finally {
        await client.connection.close();
        await api.close();
        await worker.close();
      }
    }

    // Phase 2: the deadline paths on the time-skipping server. The API's outbox starts the workflows there.
    const skippedNames = Object.keys(TIME_SKIPPED_PATHS).filter(wanted);
    if (skippedNames.length > 0) {
      env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: timeSkippingServerExecutable() } });
      await registerSearchAttributes(env.connection);
      const config = configFor(env.address, `knelpunten-record-ts-${randomUUID()}`);
      const activities: INestApplicationContext = await NestFactory.createApplicationContext(
        WorkerModule.forConfig(config, { runWorker: false }),
        { logger: ['error'] },
      );
      closers.push(() => activities.close());
      await activities.init();
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        workflowBundle: { codePath: bundle },
        activities: activities.get<KnelpuntActivities>(KNELPUNT_ACTIVITIES),
      });
      const api = await Api.start(config);
      closers.push(() => api.close());
      const e = env;
      await worker.runUntil(async () => {
        for (const name of skippedNames) await writeHistory(e.client, await TIME_SKIPPED_PATHS[name]!(api, { env: e }), args.out, name);
      });
    }
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await env?.teardown().catch(() => undefined);
    await temporal?.stop().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(1);
    },
  );
}
