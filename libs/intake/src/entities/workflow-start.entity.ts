import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Transactional outbox: a knelpunt whose workflow still has to be started in Temporal. */
@Entity({ name: 'workflow_starts' })
export class WorkflowStartEntity {
  @PrimaryColumn({ name: 'knelpunt_id', type: 'uuid' })
  knelpuntId: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}
