/**
 * A knelpunt workflow on the Java time-skipping test server with everything else real:
 * - a fresh PostgreSQL database cloned from the migrated template, with the API on top (TestSystem, pointed at a
 *   dead Temporal address so its outbox cannot start workflows: this scenario starts them on the test server);
 * - the real activities from `WorkerModule.forConfig(config, { runWorker: false })` (a Nest application context on
 *   that database), run by a Worker on the time-skipping server with the prebuilt workflow bundle.
 * One scenario per test: its own database, task queue and worker; the server clock is shared by the file.
 */
import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../../apps/worker/src/worker.module';
import { KNELPUNT_ACTIVITIES } from '../../../apps/worker/src/temporal-worker.service';
import type { KnelpuntActivities } from '../../../workflows/knelpunt/knelpunt.activities-contract';
import {
  ActorRef,
  DecisionCommand,
  DeadlineCommand,
  KNELPUNT_WORKFLOW_TYPE,
  KnelpuntState,
  VoortgangCommand,
  decisionUpdate,
  deadlineUpdate,
  knelpuntWorkflowId,
  stateQuery,
  voortgangUpdate,
} from '../../../workflows/knelpunt/knelpunt.contract';
import type { knelpuntWorkflow } from '../../../workflows/knelpunt/knelpunt.workflow';
import { SA_DRIEHOEK, SA_ORGANISATIE, SA_STATUS } from '../../../workflows/knelpunt/knelpunt.search-attributes';
import { freePort } from '../../../scripts/infra/ports';
import { timeSkippingServerExecutable, registerSearchAttributes } from '../../../scripts/infra/time-skipping';
import { TestSystem, eventually } from '../../support/test-system';
import { aKnelpunt, aStand } from '../../builders';

export type KnelpuntHandle = WorkflowHandle<typeof knelpuntWorkflow>;

export const actors = {
  driehoek: (code = 'UWV'): ActorRef => ({
    subject: `driehoek-${code.toLowerCase()}`,
    name: `Dirk Driehoek (${code})`,
    role: 'driehoek',
    organisation: null,
    driehoek: code,
  }),
  indiener: (code = 'UWV'): ActorRef => ({
    subject: `indiener-${code.toLowerCase()}`,
    name: `Ina Indiener (${code})`,
    role: 'indiener',
    organisation: code,
    driehoek: null,
  }),
  acu: (): ActorRef => ({ subject: 'acu-1', name: 'Anne ACU', role: 'acu', organisation: null, driehoek: null }),
  programmadirectie: (): ActorRef => ({
    subject: 'pd-1',
    name: 'Paula Programma',
    role: 'programmadirectie',
    organisation: null,
    driehoek: null,
  }),
};

/** The file's time-skipping server (one JVM per spec file). */
export async function startTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: timeSkippingServerExecutable() } });
  // The test server starts with only the system search attributes; the workflow upserts its own.
  await registerSearchAttributes(env.connection);
  return env;
}

export interface TimelineEntry {
  id: string;
  at: string;
  type: string;
  actor: { subject: string; name: string; role: string; organisation: string | null };
  data: Record<string, unknown>;
}

export interface NotificationRow {
  kind: string;
  recipient_key: string;
  subject: string;
  body: string;
  occurred_at: string;
  dedupe_key: string;
}

export class Scenario {
  private readonly handles: KnelpuntHandle[] = [];
  readonly ds: DataSource;

  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly sys: TestSystem,
    readonly activitiesContext: INestApplicationContext,
    readonly worker: Worker,
    readonly taskQueue: string,
    readonly tokens: { pd: string; acu: string; indiener: string; driehoek: string },
  ) {
    this.ds = sys.api.get(DataSource);
  }

  /**
   * Builds the scenario and runs `body` while its worker runs (`worker.runUntil`); afterwards the workflows are
   * terminated (so they cannot wake up in a later test that skips the shared clock) and everything is closed.
   */
  static async run(env: TestWorkflowEnvironment, body: (s: Scenario) => Promise<void>): Promise<void> {
    const deadPort = await freePort();
    // The outbox retries only on its (long) interval: the start attempt after the intake is all it makes.
    const sys = await TestSystem.start({
      temporalAddress: `127.0.0.1:${deadPort}`,
      worker: false,
      env: { OUTBOX_INTERVAL_MS: String(3_600_000) },
    });
    const ctx = await NestFactory.createApplicationContext(WorkerModule.forConfig(sys.config, { runWorker: false }), {
      logger: ['error'],
    });
    const taskQueue = `knelpunten-ts-${randomUUID()}`;
    let scenario: Scenario | undefined;
    try {
      await ctx.init();
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle: { codePath: requiredEnv('KP_TEST_WORKFLOW_BUNDLE') },
        activities: ctx.get<KnelpuntActivities>(KNELPUNT_ACTIVITIES),
      });
      const tokens = {
        pd: await sys.token({ role: 'programmadirectie', name: 'Paula Programma' }),
        acu: await sys.token({ role: 'acu', name: 'Anne ACU' }),
        indiener: await sys.token({ role: 'indiener', organisation: 'UWV', name: 'Ina Indiener' }),
        driehoek: await sys.token({ role: 'driehoek', driehoek: 'UWV', name: 'Dirk Driehoek' }),
      };
      scenario = new Scenario(env, sys, ctx, worker, taskQueue, tokens);
      const s = scenario;
      await worker.runUntil(async () => {
        try {
          await body(s);
        } finally {
          await s.terminateAll();
        }
      });
    } finally {
      await ctx.close().catch(() => undefined);
      // Closing the API waits for the outbox's attempt to start the workflow at the dead address, which the Temporal
      // client retries for about 20 s: let that finish in the background, awaited by `Scenario.closeAll()`.
      Scenario.closing.push(
        sys.close().catch((err: unknown) => {
          process.stderr.write(`[test] closing the API failed: ${String(err)}\n`);
        }),
      );
    }
  }

  private static closing: Promise<void>[] = [];

  /** Awaits the systems still closing (call in afterAll). */
  static async closeAll(): Promise<void> {
    const all = Scenario.closing;
    Scenario.closing = [];
    await Promise.all(all);
  }

  // ---------- clock ----------

  async now(): Promise<number> {
    return this.env.currentTimeMs();
  }

  /** Skips the server clock to `instant` (no-op when it is already later). */
  async skipTo(instant: number | string): Promise<void> {
    const target = typeof instant === 'string' ? Date.parse(instant) : instant;
    const now = await this.env.currentTimeMs();
    if (target > now) await this.env.sleep(target - now);
  }

  // ---------- knelpunten ----------

  /** Creates a knelpunt row through the real intake API (the workflow is started separately). */
  async submitKnelpunt(organisation = 'UWV'): Promise<{ id: string; reference: string }> {
    const token = organisation === 'UWV' ? this.tokens.indiener : await this.sys.token({ role: 'indiener', organisation });
    const res = await this.sys.request('POST', '/api/v1/standen', { token, body: aStand({ organisation }, [aKnelpunt()]) });
    if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
    const k = res.body.knelpunten[0] as { id: string; reference: string };
    return { id: k.id, reference: k.reference };
  }

  /** Starts the knelpunt's workflow on the time-skipping server and waits until it is projected bij_driehoek. */
  async startWorkflow(k: { id: string; reference: string }, organisation = 'UWV'): Promise<KnelpuntHandle> {
    const handle = await this.env.client.workflow.start<typeof knelpuntWorkflow>(KNELPUNT_WORKFLOW_TYPE, {
      taskQueue: this.taskQueue,
      workflowId: knelpuntWorkflowId(k.id),
      args: [
        {
          knelpuntId: k.id,
          reference: k.reference,
          organisation,
          driehoek: organisation,
          submittedAt: new Date(await this.now()).toISOString(),
          features: { searchAttributes: true },
        },
      ],
      typedSearchAttributes: [
        { key: SA_STATUS, value: 'ingediend' },
        { key: SA_ORGANISATIE, value: organisation },
        { key: SA_DRIEHOEK, value: organisation },
      ],
    });
    this.handles.push(handle);
    await this.waitForKnelpunt(k.id, (x) => x.status === 'bij_driehoek', 'projected bij_driehoek');
    return handle;
  }

  async terminateAll(): Promise<void> {
    for (const h of this.handles) await h.terminate('einde van de test').catch(() => undefined);
  }

  // ---------- updates ----------

  async decide(
    h: KnelpuntHandle,
    decision: DecisionCommand['decision'],
    actor: ActorRef,
    fields: Record<string, unknown>,
  ): Promise<KnelpuntState> {
    // The Update answers { status, outcome, version }; the scenarios look at the whole state after it.
    await h.executeUpdate(decisionUpdate, { args: [{ decisionId: randomUUID(), decision, actor, fields }] });
    return this.state(h);
  }

  async voortgang(h: KnelpuntHandle, actor: ActorRef, summary: string): Promise<KnelpuntState> {
    const cmd: VoortgangCommand = { voortgangId: randomUUID(), actor, summary };
    await h.executeUpdate(voortgangUpdate, { args: [cmd] });
    return this.state(h);
  }

  async deadline(h: KnelpuntHandle, cmd: Omit<DeadlineCommand, 'commandId'>): Promise<KnelpuntState> {
    await h.executeUpdate(deadlineUpdate, { args: [{ commandId: randomUUID(), ...cmd }] });
    return this.state(h);
  }

  state(h: KnelpuntHandle): Promise<KnelpuntState> {
    return h.query(stateQuery);
  }

  /** Polls the workflow's state until `check` holds (the work a timer triggers may still be running). */
  waitForState(h: KnelpuntHandle, check: (s: KnelpuntState) => boolean, what: string): Promise<KnelpuntState> {
    return eventually(
      async () => {
        const s = await this.state(h);
        return check(s) ? s : null;
      },
      30_000,
      what,
    );
  }

  // ---------- the database, through the API and SQL ----------

  /** GET /api/v1/knelpunten/{id} as the programmadirectie (reads everything). */
  async knelpunt(id: string): Promise<any> {
    const res = await this.sys.request('GET', `/api/v1/knelpunten/${id}`, { token: this.tokens.pd });
    if (res.status !== 200) throw new Error(`GET knelpunt ${id}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  waitForKnelpunt(id: string, check: (k: any) => boolean, what: string): Promise<any> {
    return eventually(
      async () => {
        const k = await this.knelpunt(id);
        return check(k) ? k : null;
      },
      30_000,
      what,
    );
  }

  timelineOf(k: { timeline: TimelineEntry[] }, type: string, filter: (e: TimelineEntry) => boolean = () => true): TimelineEntry[] {
    return k.timeline.filter((e) => e.type === type && filter(e));
  }

  /**
   * The deadline notifications about a knelpunt, oldest first. The intake acknowledgement ('ontvangen') is
   * left out unless asked for: the deadline assertions are about reminders and escalations.
   */
  async notifications(knelpuntId: string, options: { includeOntvangen?: boolean } = {}): Promise<NotificationRow[]> {
    const rows: (Omit<NotificationRow, 'occurred_at'> & { occurred_at: Date })[] = await this.ds.query(
      `SELECT kind, recipient_key, subject, body, occurred_at, dedupe_key FROM notifications
        WHERE knelpunt_id = $1 AND ($2 OR kind <> 'ontvangen') ORDER BY occurred_at, dedupe_key, recipient_key`,
      [knelpuntId, options.includeOntvangen === true],
    );
    return rows.map((r) => ({ ...r, occurred_at: r.occurred_at.toISOString() }));
  }
}

function requiredEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: did the jest global setup run?`);
  return v;
}
