import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One successful mutating API request: who (the principal), when, what (method, route pattern, path ids, the id of
 * the resource it answered with) and the status. Never the request body. Append-only: a database trigger refuses
 * UPDATE, DELETE and TRUNCATE.
 */
@Entity({ name: 'audit_log' })
export class AuditLogEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'bigint', generated: 'increment', insert: false, update: false })
  seq: string;

  @Column({ type: 'timestamptz', insert: false, update: false })
  at: Date;

  @Column({ name: 'actor_subject', type: 'varchar', length: 200, nullable: true })
  actorSubject: string | null;

  @Column({ name: 'actor_name', type: 'varchar', length: 300, nullable: true })
  actorName: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 32, nullable: true })
  actorRole: string | null;

  @Column({ name: 'actor_organisation', type: 'varchar', length: 16, nullable: true })
  actorOrganisation: string | null;

  @Column({ name: 'actor_driehoek', type: 'varchar', length: 16, nullable: true })
  actorDriehoek: string | null;

  @Column({ type: 'varchar', length: 8 })
  method: string;

  /** The route pattern, e.g. /api/v1/knelpunten/:id/decisions. */
  @Column({ type: 'varchar', length: 300 })
  route: string;

  /** The path parameters (ids and codes) of the request. */
  @Column({ type: 'jsonb' })
  params: Record<string, string>;

  /** The id (or code) of the resource the response was about, e.g. a new Stand. */
  @Column({ name: 'resource_id', type: 'varchar', length: 200, nullable: true })
  resourceId: string | null;

  @Column({ type: 'int' })
  status: number;

  @Column({ name: 'request_id', type: 'varchar', length: 100, nullable: true })
  requestId: string | null;
}
