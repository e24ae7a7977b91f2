import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface PendingStart {
  knelpuntId: string;
  reference: string;
  organisation: string;
  driehoek: string;
  submittedAt: Date;
}

/** The workflow-start outbox, filled in the intake transaction. */
@Injectable()
export class WorkflowStartRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  pending(limit: number): Promise<PendingStart[]> {
    return this.ds.query(
      `SELECT w.knelpunt_id AS "knelpuntId", k.reference, k.organisation_code AS organisation, k.driehoek_code AS driehoek,
              k.created_at AS "submittedAt"
         FROM workflow_starts w JOIN knelpunten k ON k.id = w.knelpunt_id
        WHERE w.started_at IS NULL ORDER BY w.created_at, w.knelpunt_id LIMIT $1`,
      [limit],
    );
  }

  async markStarted(knelpuntId: string): Promise<void> {
    await this.ds.query(
      `UPDATE workflow_starts SET started_at = coalesce(started_at, now()), attempts = attempts + 1, last_error = NULL WHERE knelpunt_id = $1`,
      [knelpuntId],
    );
  }

  async markFailed(knelpuntId: string, error: string): Promise<void> {
    await this.ds.query(`UPDATE workflow_starts SET attempts = attempts + 1, last_error = $2 WHERE knelpunt_id = $1`, [
      knelpuntId,
      error.slice(0, 2000),
    ]);
  }

  async countPending(): Promise<number> {
    const rows: { n: string }[] = await this.ds.query(`SELECT count(*) AS n FROM workflow_starts WHERE started_at IS NULL`);
    return Number(rows[0]?.n ?? 0);
  }
}
