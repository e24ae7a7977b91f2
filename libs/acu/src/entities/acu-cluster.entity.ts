import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ActorSnapshot } from './acu-meeting.entity';

/** An overkoepelend knelpunt: escalated knelpunten of one or more organisations that the ACU decides on at once. */
@Entity({ name: 'acu_clusters' })
export class AcuClusterEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'jsonb' })
  createdBy: ActorSnapshot;
}

@Entity({ name: 'acu_cluster_members' })
export class AcuClusterMemberEntity {
  @PrimaryColumn({ name: 'cluster_id', type: 'uuid' })
  clusterId: string;

  @PrimaryColumn({ name: 'knelpunt_id', type: 'uuid' })
  knelpuntId: string;

  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt: Date;
}
