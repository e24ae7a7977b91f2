import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ActorSnapshot } from './deadline-policy.entity';

/** A day equated to an algemeen erkende feestdag by besluit (art. 3 lid 2 Algemene termijnenwet): not a werkdag. */
@Entity({ name: 'gelijkgestelde_dagen' })
export class GelijkgesteldeDagEntity {
  /** YYYY-MM-DD (the pg driver returns `date` columns as strings only when told; the repository reads with SQL). */
  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'jsonb', nullable: true })
  createdBy: ActorSnapshot | null;
}
