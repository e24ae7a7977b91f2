/**
 * Goal 3's breakdown: the decisions of the decisions phase sent straight to the knelpunt's workflow as the Update the
 * API sends (the same command with the same planning data), without HTTP and without the API's own work
 * (authorisation, the scope load, the planning data's load, the read-back, the audit row). Its latency is the engine
 * plus the workflow's work; the decision's HTTP round-trip minus it is the API's.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { DeadlinePolicyRepository } from '../../libs/termijnen/src/repositories/deadline-policy.repository';
import { GelijkgesteldeDagRepository } from '../../libs/termijnen/src/repositories/gelijkgestelde-dag.repository';
import { WerkdagenKalenderProvider } from '../../libs/termijnen/src/kalender/werkdagen-kalender.provider';
import { PlanningSnapshotProvider } from '../../libs/termijnen/src/planning/planning-snapshot.provider';
import { ActorRef, decisionUpdate, knelpuntWorkflowId } from '../../workflows/knelpunt/knelpunt.contract';

/** Sends decision `ask ? informatie_opvragen : informatie_aanleveren` to knelpunt `id`; its round-trip in ms, null on failure. */
export type DirectDecision = (id: string, ask: boolean, i: number) => Promise<number | null>;

export interface DirectDecisions {
  decide: DirectDecision;
  lastError(): string | undefined;
  close(): Promise<void>;
}

export async function startDirectDecisions(address: string, namespace: string, sql: Pool, organisation: string): Promise<DirectDecisions> {
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace });
  // The API's own provider on the bench's pool: the same planning data the API would send.
  const ds = { query: async (text: string, params: unknown[] = []) => (await sql.query(text, params)).rows } as unknown as DataSource;
  const planning = new PlanningSnapshotProvider(
    new DeadlinePolicyRepository(ds),
    new WerkdagenKalenderProvider(new GelijkgesteldeDagRepository(ds)),
  );
  const driehoek: ActorRef = {
    subject: 'bench-driehoek',
    name: 'Bench Driehoek',
    role: 'driehoek',
    organisation: null,
    driehoek: organisation,
  };
  const indiener: ActorRef = { subject: 'bench-indiener', name: 'Bench Indiener', role: 'indiener', organisation, driehoek: null };
  let lastError: string | undefined;
  return {
    async decide(id, ask, i) {
      try {
        const snapshot = await planning.snapshot(organisation); // the API's work: not timed
        const started = performance.now();
        await client.workflow.getHandle(knelpuntWorkflowId(id)).executeUpdate(decisionUpdate, {
          args: [
            {
              decisionId: randomUUID(),
              decision: ask ? 'informatie_opvragen' : 'informatie_aanleveren',
              actor: ask ? driehoek : indiener,
              fields: ask ? { question: `Hoeveel huishoudens raakt dit? (vraag ${i})` } : { response: `Ongeveer 12.000 (antwoord ${i}).` },
              planning: snapshot,
            },
          ],
        });
        return performance.now() - started;
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
        return null;
      }
    },
    lastError: () => lastError,
    close: () => connection.close(),
  };
}
