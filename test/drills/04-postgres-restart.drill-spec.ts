import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type PostgresHandle } from '../../scripts/infra/postgres';
import { DrillSystem, envMs, expectNoDrift, sleep } from './support/drill-system';
import { knelpuntenOf, postStand, waitForStatus } from './support/scenario';

/**
 * Drill 4 (issue 8): PostgreSQL restarts under load (its own embedded server, persistent, same port). While it is
 * down the API answers 503 problem+json within seconds (never a hang, never a stack trace); afterwards the API and
 * the worker reconnect by themselves and nothing accepted before is lost.
 */
const DOWN_MS = envMs('DRILL_DOWN_MS', 10_000);
const ANSWER_WITHIN_MS = 10_000;

interface Observation {
  /** 'stopping', 'restarting': sent while PostgreSQL stops or starts (a success or a 503 are both right then). */
  phase: 'before' | 'stopping' | 'down' | 'restarting' | 'after';
  what: string;
  status: number | 'geen antwoord';
  ms: number;
  contentType: string | null;
  retryAfter: string | null;
  text: string;
  knelpunten: string[];
}

describe('drill 4: PostgreSQL restarted under load', () => {
  let dir: string;
  let pg: PostgresHandle | undefined;
  let sys: DrillSystem;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kp-drill-pg-'));
    pg = await startEmbeddedPostgres({
      dataDir: join(dir, 'pg'),
      persistent: true,
      databaseName: 'kp_drill',
      logFile: join(dir, 'pg.log'),
    });
    sys = await DrillSystem.create({ databaseUrl: pg.url });
    // This database is new: the API migrates and seeds it.
    await sys.startApi({ RUN_MIGRATIONS: 'true' });
    await sys.startWorker();
  });

  afterAll(async () => {
    await sys?.close();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 problem+json while the database is down, reconnects and loses nothing', async () => {
    const indiener = await sys.token({ role: 'indiener', organisation: 'UWV' });
    const observations: Observation[] = [];
    let phase: Observation['phase'] = 'before';
    let running = true;

    // A request that started in one phase and ended in another counts as sent during the transition.
    const phaseOf = (start: Observation['phase']): Observation['phase'] =>
      start === phase ? start : start === 'before' || start === 'stopping' ? 'stopping' : 'restarting';
    const observe = async (what: string, call: () => ReturnType<typeof postStand>): Promise<void> => {
      const at = phase;
      const started = Date.now();
      try {
        const res = await call();
        observations.push({
          phase: phaseOf(at),
          retryAfter: res.headers.get('retry-after'),
          what,
          status: res.status,
          ms: res.ms,
          contentType: res.headers.get('content-type'),
          text: res.text,
          knelpunten: res.status === 201 ? knelpuntenOf(res).map((k) => k.id) : [],
        });
      } catch {
        observations.push({
          phase: phaseOf(at),
          retryAfter: null,
          what,
          status: 'geen antwoord',
          ms: Date.now() - started,
          contentType: null,
          text: '',
          knelpunten: [],
        });
      }
    };
    // The load: Standen and reads, one after another, as fast as the system answers.
    const load = (async () => {
      while (running) {
        await observe('POST /standen', () => postStand(sys, indiener, 2));
        await observe('GET /knelpunten', () =>
          sys.request('GET', '/api/v1/knelpunten?limit=5', { token: indiener, timeoutMs: ANSWER_WITHIN_MS }),
        );
        await sleep(100);
      }
    })();

    await sleep(3_000);
    phase = 'stopping';
    await pg!.stop();
    phase = 'down';
    await sleep(DOWN_MS);
    const port = pg!.port;
    phase = 'restarting';
    pg = await startEmbeddedPostgres({
      dataDir: join(dir, 'pg'),
      port,
      persistent: true,
      databaseName: 'kp_drill',
      logFile: join(dir, 'pg.log'),
    });
    phase = 'after';
    // Back: the API accepts Standen again by itself.
    const until = Date.now() + 60_000;
    while (Date.now() < until && !observations.some((o) => o.phase === 'after' && o.status === 201)) await sleep(250);
    await sleep(2_000);
    running = false;
    await load;

    const before = observations.filter((o) => o.phase === 'before');
    const down = observations.filter((o) => o.phase === 'down');
    const after = observations.filter((o) => o.phase === 'after');
    expect(before.length).toBeGreaterThan(0);
    expect(before.filter((o) => o.status !== 201 && o.status !== 200)).toEqual([]);
    // While the database is down: a quick 503 problem+json, no stack trace, no hang.
    expect(down.length).toBeGreaterThan(2);
    const badDown = down.filter(
      (o) =>
        o.status !== 503 ||
        o.ms > ANSWER_WITHIN_MS ||
        o.retryAfter === null ||
        !/^application\/problem\+json/.test(o.contentType ?? '') ||
        /\n\s+at |stack|node_modules|Error:/.test(o.text),
    );
    expect(
      badDown.map((o) => `${o.what}: ${o.status} in ${o.ms} ms, ${o.contentType}, Retry-After ${o.retryAfter}: ${o.text.slice(0, 300)}`),
    ).toEqual([]);
    for (const o of down)
      expect(JSON.parse(o.text)).toEqual(expect.objectContaining({ status: 503, code: expect.any(String), detail: expect.any(String) }));
    expect(after.some((o) => o.status === 201)).toBe(true);
    const transitional = observations.filter((o) => o.phase === 'stopping' || o.phase === 'restarting');
    expect(
      transitional
        .filter((o) => ![200, 201, 503].includes(o.status as number) || o.ms > ANSWER_WITHIN_MS || /\n\s+at |node_modules/.test(o.text))
        .map((o) => `${o.what}: ${o.status} in ${o.ms} ms: ${o.text.slice(0, 300)}`),
    ).toEqual([]);

    // Nothing lost: every Stand accepted (before, during or after) is stored and its knelpunten reach the driehoek.
    const accepted = observations.flatMap((o) => o.knelpunten);
    expect(accepted.length).toBeGreaterThan(0);
    await waitForStatus(sys, { ids: accepted, status: 'bij_driehoek' }, 90_000, 'every accepted knelpunt bij_driehoek');

    await expectNoDrift(sys);
  }, 300_000);
});
