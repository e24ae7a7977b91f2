import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ActorSnapshot } from '../entities/acu-meeting.entity';

export interface ClusterRecord {
  id: string;
  title: string;
  description: string | null;
  createdAt: Date;
  createdBy: ActorSnapshot;
  /** created_at with microseconds, for the keyset cursor */
  cursorAt: string;
}

export interface ClusterMemberRecord {
  knelpuntId: string;
  reference: string;
  title: string;
  organisation: string;
  status: string;
  escalated: boolean;
  /** the doorbraakteam the ACU assigned (projected in the knelpunt's details), if any */
  doorbraakteam: string | null;
  addedAt: Date;
}

/** A knelpunt as the cluster rules need it (read from the knelpunten table of libs/knelpunten). */
export interface ClusterCandidate {
  id: string;
  reference: string;
  organisation: string;
  status: string;
  escalated: boolean;
  /** the cluster the knelpunt is already in, if any */
  clusterId: string | null;
}

interface ClusterRow {
  id: string;
  title: string;
  description: string | null;
  created_at: Date;
  created_by: ActorSnapshot;
  cursor_at: string;
}

const CLUSTER_COLUMNS = `c.id, c.title, c.description, c.created_at, c.created_by,
  to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

const toCluster = (r: ClusterRow): ClusterRecord => ({
  id: r.id,
  title: r.title,
  description: r.description,
  createdAt: r.created_at,
  createdBy: r.created_by,
  cursorAt: r.cursor_at,
});

/** ACU clusters (overkoepelende knelpunten) and their members. */
@Injectable()
export class ClusterRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction('READ COMMITTED', work);
  }

  /** The knelpunt ids of a cluster (empty when the cluster does not exist). */
  async members(clusterId: string, em: EntityManager = this.ds.manager): Promise<string[]> {
    const rows: { knelpunt_id: string }[] = await em.query(
      `SELECT knelpunt_id FROM acu_cluster_members WHERE cluster_id = $1 ORDER BY added_at, knelpunt_id`,
      [clusterId],
    );
    return rows.map((r) => r.knelpunt_id);
  }

  async findById(id: string, em: EntityManager = this.ds.manager): Promise<ClusterRecord | null> {
    const rows: ClusterRow[] = await em.query(`SELECT ${CLUSTER_COLUMNS} FROM acu_clusters c WHERE c.id = $1`, [id]);
    return rows[0] ? toCluster(rows[0]) : null;
  }

  /** The members with reference, title, organisation and status. */
  async memberDetails(clusterId: string, em: EntityManager = this.ds.manager): Promise<ClusterMemberRecord[]> {
    const rows: {
      knelpunt_id: string;
      reference: string;
      title: string;
      organisation_code: string;
      status: string;
      escalated: boolean;
      team: string | null;
      added_at: Date;
    }[] = await em.query(
      `SELECT cm.knelpunt_id, k.reference, k.title, k.organisation_code, k.status, k.escalated, k.details->>'team' AS team, cm.added_at
           FROM acu_cluster_members cm JOIN knelpunten k ON k.id = cm.knelpunt_id
          WHERE cm.cluster_id = $1
          ORDER BY k.organisation_code, k.reference`,
      [clusterId],
    );
    return rows.map((r) => ({
      knelpuntId: r.knelpunt_id,
      reference: r.reference,
      title: r.title,
      organisation: r.organisation_code,
      status: r.status,
      escalated: r.escalated,
      doorbraakteam: r.team,
      addedAt: r.added_at,
    }));
  }

  /** The given knelpunten as far as they exist, with the cluster each is already in. */
  async candidates(em: EntityManager, knelpuntIds: string[]): Promise<ClusterCandidate[]> {
    const rows: {
      id: string;
      reference: string;
      organisation_code: string;
      status: string;
      escalated: boolean;
      cluster_id: string | null;
    }[] = await em.query(
      `SELECT k.id, k.reference, k.organisation_code, k.status, k.escalated,
                (SELECT cm.cluster_id FROM acu_cluster_members cm WHERE cm.knelpunt_id = k.id) AS cluster_id
           FROM knelpunten k WHERE k.id = ANY($1::uuid[])`,
      [knelpuntIds],
    );
    return rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      organisation: r.organisation_code,
      status: r.status,
      escalated: r.escalated,
      clusterId: r.cluster_id,
    }));
  }

  /** Inserts the cluster and its members; a knelpunt already in a cluster fails with unique violation 23505. */
  async insert(
    em: EntityManager,
    cluster: { id: string; title: string; description: string | null; createdBy: ActorSnapshot },
    knelpuntIds: string[],
  ): Promise<void> {
    await em.query(`INSERT INTO acu_clusters (id, title, description, created_at, created_by) VALUES ($1, $2, $3, now(), $4::jsonb)`, [
      cluster.id,
      cluster.title,
      cluster.description,
      JSON.stringify(cluster.createdBy),
    ]);
    await em.query(`INSERT INTO acu_cluster_members (cluster_id, knelpunt_id, added_at) SELECT $1, unnest($2::uuid[]), now()`, [
      cluster.id,
      knelpuntIds,
    ]);
  }

  /** Clusters, newest first (keyset on created_at, id). Fetches `limit` rows. */
  async page(limit: number, after?: { createdAt: string; id: string }): Promise<ClusterRecord[]> {
    const rows: ClusterRow[] = await this.ds.query(
      `SELECT ${CLUSTER_COLUMNS} FROM acu_clusters c
        WHERE ($1::timestamptz IS NULL OR (c.created_at, c.id) < ($1::timestamptz, $2::uuid))
        ORDER BY c.created_at DESC, c.id DESC
        LIMIT $3`,
      [after?.createdAt ?? null, after?.id ?? null, limit],
    );
    return rows.map(toCluster);
  }
}
