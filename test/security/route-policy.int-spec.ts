import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TestSystem } from '../support/test-system';
import { aKnelpunt, aStand } from '../builders';
import type { Rol } from '../../libs/toegang/src/principal';
import { ROLLEN } from '../../libs/toegang/src/principal';
import { API_BASE_PATH } from '../../apps/api/src/openapi';
import { NON_NEST_ROUTES, NestRoute, fastifyRoutes, fillPath, nestRoutes, routeKey } from './support/route-table';
import { leaksIn } from './support/problems';

/**
 * "Who may do what", enforced: every route of the running API declares @Policy or @Public, and for every route
 * and every caller (each role, and nobody) the response is 401/403 exactly when the route's rule says so.
 * The cases come from the route table, so a new route is covered the moment it exists.
 *
 * No worker runs: bodies are empty or invalid ({}), so an allowed mutation stops at validation (400) or at a
 * missing resource (404) and nothing reaches a workflow. The ids in the paths are real, chosen so that every
 * role the rule admits can also see the resource (scope is tested in scope.int-spec.ts).
 */
describe('route policies and the access matrix', () => {
  let sys: TestSystem;
  let routes: NestRoute[];
  const tokens = new Map<Rol, string>();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    sys = await TestSystem.start({ worker: false });
    routes = nestRoutes(sys.api);
    const ds = sys.api.get(DataSource);
    tokens.set('indiener', await sys.token({ role: 'indiener', organisation: 'UWV' }));
    tokens.set('driehoek', await sys.token({ role: 'driehoek', driehoek: 'UWV' }));
    tokens.set('acu', await sys.token({ role: 'acu' }));
    tokens.set('programmadirectie', await sys.token({ role: 'programmadirectie' }));
    tokens.set('admin', await sys.token({ role: 'admin' }));

    const stand = await sys.request('POST', '/api/v1/standen', {
      token: tokens.get('indiener'),
      body: aStand({}, [aKnelpunt(), aKnelpunt(), aKnelpunt()]),
    });
    expect(stand.status).toBe(201);
    ids.stand = stand.body.id;
    const knelpunten: string[] = stand.body.knelpunten.map((k: { id: string }) => k.id);
    ids.knelpunt = knelpunten[0]!;
    ids.reference = stand.body.knelpunten[0].reference;
    // Escalated, so the ACU may see it too (what escalation normally does; the projection keeps the flag set).
    await ds.query(`UPDATE knelpunten SET escalated = true, status = 'bij_acu' WHERE id = ANY($1::uuid[])`, [knelpunten]);

    const acu = tokens.get('acu');
    const cluster = await sys.request('POST', '/api/v1/acu/clusters', {
      token: acu,
      body: { title: 'Samenloop van regelingen', knelpuntIds: knelpunten.slice(1) },
    });
    expect(cluster.status).toBe(201);
    ids.cluster = cluster.body.id;

    // The first workday some weeks ahead that the calendar accepts (not a weekend or feestdag).
    const day = new Date(Date.now() + 60 * 86_400_000);
    for (let i = 0; i < 14 && !ids.meeting; i++, day.setUTCDate(day.getUTCDate() + 1)) {
      const res = await sys.request('POST', '/api/v1/acu/meetings', { token: acu, body: { meetingDate: day.toISOString().slice(0, 10) } });
      if (res.status === 201) {
        ids.meeting = res.body.id;
        ids.meetingDate = res.body.meetingDate;
      }
    }
    expect(ids.meeting).toEqual(expect.any(String));

    const [notification] = await ds.query(
      `INSERT INTO notifications (id, dedupe_key, recipient_key, knelpunt_id, reference, kind, subject, body, recipient_role, occurred_at)
       VALUES ($1, $2, 'acu', $3, $4, 'herinnering', 'Herinnering', 'Tekst', 'acu', now()) RETURNING id`,
      [randomUUID(), `matrix-${randomUUID()}`, ids.knelpunt, stand.body.knelpunten[0].reference],
    );
    ids.notification = notification.id;
    const [delivery] = await ds.query(`INSERT INTO deliveries (id, notification_id, channel) VALUES ($1, $2, 'mail') RETURNING id`, [
      randomUUID(),
      ids.notification,
    ]);
    ids.delivery = delivery.id;

    // An intake round UWV is expected in, so the organisation's roles may read it too.
    const ronde = await sys.request('POST', '/api/v1/uitvraagrondes', {
      token: tokens.get('programmadirectie'),
      body: { name: 'Standen 2027', year: 2027, closingDate: ids.meetingDate, organisations: ['UWV'] },
    });
    expect(ronde.status).toBe(201);
    ids.uitvraagronde = ronde.body.id;
  });

  afterAll(async () => {
    await sys.close();
  });

  /** The real resource for each path parameter; a new parameter must be added here (the test names it). */
  function paramValue(param: string, pattern: string): string {
    const resource = pattern.slice(API_BASE_PATH.length).split('/')[1];
    const byResource: Record<string, Record<string, string>> = {
      standen: { id: ids.stand },
      knelpunten: { id: ids.knelpunt },
      openbaar: { reference: ids.reference, kwartaal: '2026-Q1', versie: '1' },
      driehoeken: { code: 'UWV' },
      organisations: { code: 'UWV' },
      ministries: { code: 'SZW' },
      notifications: { id: ids.notification },
      deliveries: { id: ids.delivery },
      acu: { id: pattern.includes('/clusters/') ? ids.cluster : ids.meeting },
      uitvraagrondes: { id: ids.uitvraagronde },
    };
    const value = byResource[resource ?? '']?.[param];
    if (!value) throw new Error(`no value for path parameter :${param} of ${pattern}; add one to paramValue()`);
    return value;
  }

  it('finds the routes of every context in the route table', () => {
    const keys = routes.map(routeKey);
    for (const expected of [
      'POST /api/v1/standen',
      'GET /api/v1/knelpunten/:id',
      'POST /api/v1/knelpunten/:id/decisions',
      'GET /api/v1/driehoeken/:code/queue',
      'GET /api/v1/acu/meetings',
      'GET /api/v1/notifications',
      'GET /api/v1/deliveries',
      'POST /api/v1/deliveries/:id/retry',
      'GET /api/v1/statistieken',
      'GET /api/v1/openbaar/knelpunten',
      'GET /api/v1/rapportages/voortgang',
      'GET /api/v1/analyse/staat',
      'POST /api/v1/rapportages/voortgang/publicaties',
      'GET /api/v1/openbaar/rapportages',
      'GET /api/v1/openbaar/rapportages/:kwartaal/versies/:versie',
      'GET /api/v1/beheer/reconciliatie',
      'POST /api/v1/beheer/reconciliatie/herstel',
      'GET /api/v1/organisations',
      'PUT /api/v1/driehoeken/:code',
      'GET /api/v1/health',
      'GET /api/v1/auth/sessie',
      'POST /api/v1/auth/dev-login',
      'POST /api/v1/auth/logout',
    ]) {
      expect(keys).toContain(expected);
    }
  });

  it('declares @Policy or @Public on every route (default deny: a route without one is closed to everyone)', () => {
    const undeclared = routes.filter((r) => r.policy.kind === 'none').map((r) => `${routeKey(r)} (${r.controller}.${r.handler})`);
    expect(undeclared).toEqual([]);
  });

  it('has no route outside Nest (and its guard) except the public documentation', () => {
    const nest = new Set(routes.map(routeKey));
    const served = fastifyRoutes(sys.api).filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS');
    expect(served.length).toBeGreaterThanOrEqual(routes.length);
    const outside = served.map(routeKey).filter((k) => !nest.has(k));
    expect(outside.sort()).toEqual([...NON_NEST_ROUTES].sort());
    // And every Nest route really answers in Fastify.
    const fastify = sys.api.getHttpAdapter().getInstance();
    expect(routes.filter((r) => !fastify.hasRoute({ method: r.method, url: r.path })).map(routeKey)).toEqual([]);
  });

  it('documents every route in the OpenAPI document, with bearer security exactly on the @Policy routes', async () => {
    const doc = (await sys.request('GET', '/api/v1/openapi.json')).body as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const problems: string[] = [];
    for (const r of routes) {
      const docPath = r.path.slice(API_BASE_PATH.length).replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const op = doc.paths[docPath]?.[r.method.toLowerCase()];
      if (!op) {
        problems.push(`${routeKey(r)} is not documented`);
        continue;
      }
      const secured = (op.security ?? []).length > 0;
      if (secured !== (r.policy.kind === 'roles')) problems.push(`${routeKey(r)}: security ${secured} but policy ${r.policy.kind}`);
    }
    expect(problems).toEqual([]);
  });

  it('answers 401/403 exactly where the policy denies, and never where it allows, for every route × caller', async () => {
    const callers: (Rol | null)[] = [null, ...ROLLEN];
    const mismatches: string[] = [];
    let calls = 0;
    for (const route of routes) {
      const url = fillPath(route.path, paramValue);
      for (const role of callers) {
        const res = await sys.request(route.method, url, {
          token: role ? tokens.get(role) : undefined,
          body: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
          // As the web app sends it: the routes that start and end a browser session require it from everyone
          // (@CsrfHeaderRequired); the CSRF refusals themselves are tested in web-session.int-spec.ts.
          headers: { 'x-requested-with': 'knelpunten-web' },
        });
        calls++;
        const who = role ?? 'no token';
        const expected =
          route.policy.kind === 'public'
            ? 'allowed'
            : role === null
              ? 401
              : route.policy.kind === 'roles' && route.policy.roles.includes(role)
                ? 'allowed'
                : 403;
        const denied = res.status === 401 || res.status === 403;
        if (expected === 'allowed' ? denied : res.status !== expected) {
          mismatches.push(
            `${route.method} ${url} as ${who}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body?.detail ?? '')}`,
          );
        }
        if (denied) {
          if (!String(res.headers['content-type']).includes('application/problem+json'))
            mismatches.push(`${route.method} ${url} as ${who}: not problem+json`);
          const code = res.status === 401 ? 'NIET_GEAUTHENTICEERD' : 'GEEN_TOEGANG';
          if (res.body?.code !== code)
            mismatches.push(`${route.method} ${url} as ${who}: code ${String(res.body?.code)} instead of ${code}`);
        }
        if (res.status >= 400 && leaksIn(res.body).length > 0)
          mismatches.push(`${route.method} ${url} as ${who}: leaks ${leaksIn(res.body).join(', ')}`);
        if (res.status >= 500) mismatches.push(`${route.method} ${url} as ${who}: server error ${res.status}`);
      }
    }
    expect(calls).toBe(routes.length * callers.length);
    expect(mismatches).toEqual([]);
  });

  it('refuses a @Policy route for a token whose role the policy does not list, before any validation or lookup', async () => {
    // Even with a body that is invalid and an id that does not exist, the role check comes first: 403, not 400/404.
    const res = await sys.request('POST', `/api/v1/knelpunten/${randomUUID()}/decisions`, { token: tokens.get('admin'), body: { x: 1 } });
    expect(res.status).toBe(403);
    const anonymous = await sys.request('POST', `/api/v1/knelpunten/geen-uuid/decisions`, { body: { x: 1 } });
    expect(anonymous.status).toBe(401);
  });
});
