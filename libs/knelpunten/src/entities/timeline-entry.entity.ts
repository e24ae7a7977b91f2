import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Append-only audit timeline of a knelpunt; a database trigger refuses UPDATE and DELETE. */
@Entity({ name: 'knelpunt_timeline' })
export class TimelineEntryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'knelpunt_id', type: 'uuid' })
  knelpuntId: string;

  @Column({ type: 'bigint', generated: 'increment', insert: false, update: false })
  seq: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ type: 'jsonb' })
  actor: Record<string, unknown>;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  data: Record<string, unknown>;
}
