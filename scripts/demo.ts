/**
 * `npm run demo`: loads demo data into a running development system THROUGH THE API (as users would):
 * a few realistic Standen of several organisations, then some decisions by the driehoeken and the ACU,
 * so the web app has something to click through. Apart from the reference data; refused in production.
 * Safe to run twice: the same Stand creates nothing new and a decision is only taken where it still fits.
 *
 *   npm run demo [-- --url http://localhost:3000]
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '@kp/shared/config';
import { DevIssuer } from '@kp/toegang/dev-issuer';
import type { Rol } from '@kp/toegang/principal';
import { DEMO_STANDEN, type DemoStand } from './demo/demo-standen';

interface Knelpunt {
  id: string;
  reference: string;
  title: string;
  status: string;
  allowedDecisions?: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class DemoClient {
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    private readonly issuer: DevIssuer,
  ) {}

  async token(role: Rol, scope?: string): Promise<string> {
    const key = `${role}:${scope ?? ''}`;
    let t = this.tokens.get(key);
    if (!t) {
      t = await this.issuer.issue({
        role,
        organisation: role === 'indiener' ? scope : undefined,
        driehoek: role === 'driehoek' ? scope : undefined,
        name: `Demo ${role}${scope ? ` ${scope}` : ''}`,
        subject: `demo-${role}${scope ? `-${scope.toLowerCase()}` : ''}`,
      });
      this.tokens.set(key, t);
    }
    return t;
  }

  async call<T>(method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async waitForApi(): Promise<void> {
    for (let i = 0; i < 120; i++) {
      try {
        const res = await fetch(`${this.baseUrl}/api/v1/health`);
        if (res.status < 500) return;
      } catch {
        // not up yet
      }
      await sleep(1000);
    }
    throw new Error(`De API op ${this.baseUrl} reageert niet; start eerst het systeem (npm run up).`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' } }, allowPositionals: false });
  const config = loadConfig();
  if (config.NODE_ENV === 'production') throw new Error('Demodata worden nooit in productie geladen.');
  const baseUrl = (values.url ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
  const client = new DemoClient(baseUrl, new DevIssuer(config));
  await client.waitForApi();

  const created = new Map<string, Knelpunt[]>();
  for (const stand of DEMO_STANDEN) {
    const res = await client.call<{ knelpunten: Knelpunt[] }>(
      'POST',
      '/standen',
      await client.token('indiener', stand.organisation),
      standBody(stand),
    );
    if (res.status >= 300) throw new Error(`Stand ${stand.organisation} ${stand.period}: ${res.status} ${JSON.stringify(res.body)}`);
    created.set(stand.organisation, res.body.knelpunten);
    console.log(`Stand ${stand.organisation} ${stand.period}: ${res.body.knelpunten.map((k) => k.reference).join(', ')}`);
  }

  const at = (org: string, i: number): Knelpunt => {
    const k = created.get(org)?.[i];
    if (!k) throw new Error(`demo: knelpunt ${org}[${i}] ontbreekt`);
    return k;
  };
  /** Takes a decision when the knelpunt allows it now (waits for the workflow to have taken it in). */
  const decide = async (k: Knelpunt, role: Rol, scope: string | undefined, decision: string, fields: Record<string, unknown>) => {
    const token = await client.token(role, scope);
    for (let i = 0; i < 60; i++) {
      const cur = await client.call<Knelpunt>('GET', `/knelpunten/${k.id}`, token);
      if (cur.body?.allowedDecisions?.includes(decision)) {
        const res = await client.call<Knelpunt>('POST', `/knelpunten/${k.id}/decisions`, token, { decision, ...fields });
        console.log(`  ${k.reference} ${decision}: ${res.status === 200 ? res.body.status : `${res.status}`}`);
        return;
      }
      if (cur.body && cur.body.status !== 'ingediend') {
        console.log(`  ${k.reference} ${decision}: overgeslagen (status ${cur.body.status})`);
        return;
      }
      await sleep(500);
    }
    console.log(`  ${k.reference} ${decision}: overgeslagen (workflow nog niet gestart)`);
  };

  const inTwoMonths = new Date(Date.now() + 60 * 86400000).toISOString().slice(0, 10);
  const inHalfYear = new Date(Date.now() + 180 * 86400000).toISOString().slice(0, 10);
  console.log('Beslissingen:');
  await decide(at('UWV', 0), 'driehoek', 'UWV', 'oppakken', {
    owner: 'Directie Uitvoeringsbeleid SZW',
    targetDate: inHalfYear,
    plan: 'Vereenvoudiging van de WIA-aanvraag in twee stappen; eerste stap in de wetgevingsagenda van volgend jaar.',
  });
  await decide(at('UWV', 1), 'driehoek', 'UWV', 'informatie_opvragen', {
    question: 'Om hoeveel dossiers per jaar gaat het, en welke systemen zijn betrokken?',
  });
  await decide(at('UWV', 2), 'driehoek', 'UWV', 'escaleren_acu', {
    motivation: 'Het tekort aan verzekeringsartsen raakt ook SVB en CBR; alleen overheidsbreed op te lossen.',
  });
  await decide(at('SVB', 0), 'driehoek', 'SVB', 'escaleren_acu', {
    motivation: 'Gegevensdeling met gemeenten vraagt een grondslag in meerdere wetten.',
  });
  await decide(at('DUO', 1), 'driehoek', 'DUO', 'afwijzen', {
    outcome: 'geen_knelpunt',
    motivation: 'Wordt al opgelost met de lopende systeemvervanging; geen besluit van de driehoek nodig.',
  });
  await decide(at('IND', 0), 'driehoek', 'IND', 'oppakken', {
    owner: 'DG Migratie JenV',
    targetDate: inTwoMonths,
    plan: 'Tijdelijke inzet van extra beslismedewerkers en vereenvoudiging van de werkinstructie.',
  });
  await decide(at('BD', 0), 'driehoek', 'BD', 'escaleren_acu', {
    motivation: 'Samenloop van toeslagen en belastingen: raakt Dienst Toeslagen en gemeenten.',
  });
  await decide(at('SVB', 0), 'acu', undefined, 'toewijzen_doorbraakteam', {
    team: 'gegevensdeling',
    motivation: 'Past bij de opdracht van het doorbraakteam gegevensdeling.',
  });
  console.log(`\nDemodata geladen. Open ${baseUrl}/ en log in (bijvoorbeeld rol Driehoek, driehoek UWV).`);
}

function standBody(stand: DemoStand) {
  return {
    organisation: stand.organisation,
    period: stand.period,
    title: stand.title,
    publishedOn: stand.publishedOn,
    sourceUrl: stand.sourceUrl,
    knelpunten: stand.knelpunten,
  };
}

main().catch((err: unknown) => {
  console.error(`Fout: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
