import { Injectable, Logger } from '@nestjs/common';
import { ServiceError } from '@temporalio/client';
import { AppConfig } from '@kp/shared/config';
import { DomainException, ErrorCode } from '@kp/shared/errors';
import { KnelpuntWorkflowGateway } from '../../workflow/knelpunt-workflow.gateway';
import { Drift, DriftKind, DRIFT_KINDS, ReadModelRow, REPROJECTABLE, RESTARTABLE, compareWithWorkflow } from './drift';
import { ReconcileRepository } from './reconcile.repository';
import { KnelpuntWorkflowInspector, WorkflowView } from './workflow-inspector';

export interface ReconcileOptions {
  /** Re-project from the workflow and start missing workflows. */
  repair?: boolean;
  /** Overrides RECONCILE_SETTLE_MS for this run. */
  settleMs?: number;
}

export interface ReconcileReport {
  checkedAt: string;
  /** Knelpunten compared with their workflow. */
  checked: number;
  /** Whether the notification deliveries were checked (false while the delivery outbox does not exist). */
  deliveriesChecked: boolean;
  drift: Drift[];
  /** Drift per kind (only kinds that occur). */
  counts: { kind: DriftKind; count: number }[];
  /** Set by a repair: how many drift items were repaired. */
  repaired?: number;
}

const PAGE_SIZE = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_STUCK_DELIVERIES = 1000;

/** Runs `fn` over `items` with at most `limit` calls at a time. */
async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  });
  await Promise.all(lanes);
}

interface Finding {
  row: ReadModelRow;
  view: WorkflowView;
  drift: Drift[];
}

/**
 * Reconciliation (issue 8, item 4): compares every open workflow's state with the read model and the outboxes
 * and reports drift; with `repair` it writes the workflow's state into the read model (forced, whatever the
 * projection version says) and starts missing workflows through the workflow-start outbox.
 *
 * Efficient on a large system: the open knelpunten are read in pages of {@link PAGE_SIZE} by id, their
 * workflows asked RECONCILE_CONCURRENCY at a time; running workflows whose read model says afgesloten come
 * from Temporal's visibility (one list query), not from reading every closed knelpunt. Whatever drift the
 * first pass finds is checked again after RECONCILE_SETTLE_MS, so a transition in flight (workflow ahead of
 * its projection for a moment) is not reported.
 */
@Injectable()
export class ReconcileUseCase {
  private readonly logger = new Logger(ReconcileUseCase.name);

  constructor(
    private readonly repo: ReconcileRepository,
    private readonly inspector: KnelpuntWorkflowInspector,
    private readonly gateway: KnelpuntWorkflowGateway,
    private readonly config: AppConfig,
  ) {}

  async execute(options: ReconcileOptions = {}): Promise<ReconcileReport> {
    try {
      return await this.run(options);
    } catch (err) {
      if (err instanceof DomainException) throw err;
      if (err instanceof ServiceError) {
        this.logger.warn(`Reconciliatie: Temporal niet bereikbaar: ${err.message}`);
        throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, 'De procesmotor is tijdelijk niet bereikbaar; probeer het later opnieuw.');
      }
      throw err;
    }
  }

  private async run(options: ReconcileOptions): Promise<ReconcileReport> {
    const checkedAt = new Date();
    let checked = 0;
    const suspects = new Map<string, Finding>();

    // 1. Every knelpunt the read model holds open, against its workflow.
    let after: string | null = null;
    for (;;) {
      const page = await this.repo.openPage(after, PAGE_SIZE);
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      checked += page.length;
      for (const f of await this.examine(page)) suspects.set(f.row.id, f);
      if (page.length < PAGE_SIZE) break;
    }

    // 2. Running workflows whose read model says afgesloten.
    for await (const ids of this.inspector.runningKnelpuntIds(PAGE_SIZE * 2)) {
      const closed = await this.repo.closedAmong(ids.filter((id) => UUID.test(id)));
      if (closed.length === 0) continue;
      checked += closed.length;
      for (const f of await this.examine(await this.repo.byIds(closed))) suspects.set(f.row.id, f);
    }

    // 3. What the first pass found is looked at once more, after a pause: only drift that stays is drift.
    let confirmed: Finding[] = [...suspects.values()];
    const recheck = confirmed.filter((f) => f.drift.some((d) => d.kind !== 'workflow_reageert_niet'));
    if (recheck.length > 0) {
      const settleMs = options.settleMs ?? this.config.RECONCILE_SETTLE_MS;
      if (settleMs > 0) await new Promise((r) => setTimeout(r, settleMs));
      const again = new Map((await this.examine(await this.repo.byIds(recheck.map((f) => f.row.id)))).map((f) => [f.row.id, f]));
      confirmed = confirmed.flatMap((first) => {
        if (!recheck.includes(first)) return [first];
        const second = again.get(first.row.id);
        if (!second) return [];
        const before = new Set(first.drift.map((d) => d.kind));
        const drift = second.drift.filter((d) => before.has(d.kind));
        return drift.length > 0 ? [{ ...second, drift }] : [];
      });
    }

    // 4. Notification deliveries that are stuck (when the delivery outbox exists).
    const drift: Drift[] = confirmed.flatMap((f) => f.drift);
    const deliveriesChecked = await this.repo.hasDeliveries();
    if (deliveriesChecked) {
      for (const d of await this.repo.stuckDeliveries(this.config.RECONCILE_DELIVERY_GRACE_MS, MAX_STUCK_DELIVERIES)) {
        drift.push({
          knelpuntId: d.knelpuntId,
          reference: d.reference,
          kind: 'bezorging_vastgelopen',
          detail:
            d.state === 'bezig'
              ? `Bezorging ${d.id} (${d.channel}) staat op 'bezig' terwijl de claim sinds ${d.leaseUntil ? new Date(d.leaseUntil).toISOString() : 'onbekend'} verlopen is (${d.attempts} pogingen).`
              : `Bezorging ${d.id} (${d.channel}) wacht al sinds ${d.nextAttemptAt ? new Date(d.nextAttemptAt).toISOString() : 'onbekend'} op een volgende poging (${d.attempts} pogingen).`,
        });
      }
    }

    const report: ReconcileReport = { checkedAt: checkedAt.toISOString(), checked, deliveriesChecked, drift, counts: countByKind(drift) };
    if (options.repair) {
      report.repaired = await this.repair(confirmed);
      for (const d of drift) d.repaired ??= false; // e.g. stuck deliveries: the delivery dispatcher owns them
    }
    return report;
  }

  /** Compares a batch of read-model rows with their workflows, RECONCILE_CONCURRENCY at a time. */
  private async examine(rows: ReadModelRow[]): Promise<Finding[]> {
    const found: Finding[] = [];
    await forEachLimited(rows, this.config.RECONCILE_CONCURRENCY, async (row) => {
      const view = await this.inspector.inspect(row.id);
      const drift = this.driftOf(row, view);
      if (drift.length > 0) found.push({ row, view, drift });
    });
    return found;
  }

  private driftOf(row: ReadModelRow, view: WorkflowView): Drift[] {
    const at = { knelpuntId: row.id, reference: row.reference };
    switch (view.kind) {
      case 'state':
        return compareWithWorkflow(row, view.state).map((d) => ({ ...at, ...d }));
      case 'no_answer':
        return [
          {
            ...at,
            kind: 'workflow_reageert_niet',
            detail:
              view.status === 'UNKNOWN'
                ? `Temporal gaf binnen ${this.config.RECONCILE_QUERY_TIMEOUT_MS} ms geen antwoord over deze workflow.`
                : `De workflow (${view.status}) beantwoordde de toestandsvraag niet binnen ${this.config.RECONCILE_QUERY_TIMEOUT_MS} ms; draait er een worker?`,
          },
        ];
      case 'ended':
        return row.status === 'afgesloten'
          ? []
          : [
              {
                ...at,
                kind: 'workflow_beeindigd',
                detail: `De workflow is beëindigd (${view.status}) terwijl het leesmodel ${row.status} zegt.`,
              },
            ];
      case 'missing': {
        const start = row.start;
        if (start && start.startedAt === null) {
          const age = Date.now() - new Date(start.createdAt).getTime();
          if (age < this.config.RECONCILE_START_GRACE_MS) return []; // in flight: the dispatcher has it
          return [
            {
              ...at,
              kind: 'workflow_niet_gestart',
              detail: `De workflow-start staat sinds ${new Date(start.createdAt).toISOString()} in de outbox (${start.attempts} pogingen${start.lastError ? `; laatste fout: ${start.lastError.slice(0, 200)}` : ''}).`,
            },
          ];
        }
        return [
          {
            ...at,
            kind: 'workflow_ontbreekt',
            detail: start
              ? `De outbox meldt de workflow gestart op ${new Date(start.startedAt as Date).toISOString()}, maar Temporal kent hem niet.`
              : 'Het knelpunt heeft geen workflow en geen regel in de workflow-start-outbox.',
          },
        ];
      }
    }
  }

  /** Repairs what can be repaired; marks the drift items and returns how many were repaired. */
  private async repair(findings: Finding[]): Promise<number> {
    let repaired = 0;
    await forEachLimited(findings, this.config.RECONCILE_CONCURRENCY, async (f) => {
      let ok = false;
      if (f.view.kind === 'state' && f.drift.some((d) => REPROJECTABLE.has(d.kind))) {
        ok = await this.repo.forceProject(f.view.state, new Date());
        if (ok)
          this.logger.log(
            `Reconciliatie: knelpunt ${f.row.reference} opnieuw geprojecteerd uit de workflow (versie ${f.view.state.version}).`,
          );
      } else if (f.view.kind === 'missing' && f.drift.some((d) => RESTARTABLE.has(d.kind))) {
        ok = await this.start(f.row);
      }
      for (const d of f.drift) {
        d.repaired = ok && (REPROJECTABLE.has(d.kind) || RESTARTABLE.has(d.kind));
        if (d.repaired) repaired += 1;
      }
    });
    return repaired;
  }

  /** Through the workflow-start outbox: queued as pending, started (idempotent), marked as the dispatcher does. */
  private async start(row: ReadModelRow): Promise<boolean> {
    await this.repo.requeueStart(row.id, new Date());
    try {
      await this.gateway.start({
        knelpuntId: row.id,
        reference: row.reference,
        organisation: row.organisationCode,
        driehoek: row.driehoekCode,
        submittedAt: new Date(row.createdAt).toISOString(),
        features: { searchAttributes: this.config.TEMPORAL_SEARCH_ATTRIBUTES },
      });
      await this.repo.markStarted(row.id);
      this.logger.log(`Reconciliatie: workflow van knelpunt ${row.reference} gestart.`);
      return true;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.repo.markStartFailed(row.id, message);
      this.logger.warn(`Reconciliatie: workflow van knelpunt ${row.reference} niet gestart (de outbox probeert het opnieuw): ${message}`);
      return false;
    }
  }
}

function countByKind(drift: Drift[]): { kind: DriftKind; count: number }[] {
  return DRIFT_KINDS.map((kind) => ({ kind, count: drift.filter((d) => d.kind === kind).length })).filter((c) => c.count > 0);
}
