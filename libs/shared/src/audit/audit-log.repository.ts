import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AuditLogEntity } from './audit-log.entity';

export type AuditRecord = Omit<AuditLogEntity, 'id' | 'seq' | 'at'>;

/** Appends to audit_log; there is deliberately no update or delete. */
export class AuditLogRepository {
  constructor(private readonly ds: DataSource) {}

  async append(record: AuditRecord): Promise<void> {
    await this.ds.query(
      `INSERT INTO audit_log (id, actor_subject, actor_name, actor_role, actor_organisation, actor_driehoek, method, route, params,
         resource_id, status, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12)`,
      [
        randomUUID(),
        record.actorSubject,
        record.actorName,
        record.actorRole,
        record.actorOrganisation,
        record.actorDriehoek,
        record.method,
        record.route,
        JSON.stringify(record.params),
        record.resourceId,
        record.status,
        record.requestId,
      ],
    );
  }
}
