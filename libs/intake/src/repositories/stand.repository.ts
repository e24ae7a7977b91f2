import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { StandEntity } from '../entities/stand.entity';
import { KnelpuntEntity } from '@kp/knelpunten/entities/knelpunt.entity';
import { TimelineEntryEntity } from '@kp/knelpunten/entities/timeline-entry.entity';
import { WorkflowStartEntity } from '../entities/workflow-start.entity';

export interface NewStand {
  stand: StandEntity;
  knelpunten: KnelpuntEntity[];
  timeline: TimelineEntryEntity[];
}

/** Persistence of Standen and their knelpunten; one transaction per Stand. */
@Injectable()
export class StandRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction('READ COMMITTED', work);
  }

  findByIdentity(em: EntityManager, organisation: string, period: string, title: string): Promise<StandEntity | null> {
    return em.findOne(StandEntity, { where: { organisationCode: organisation, period, title } });
  }

  findById(id: string, organisation?: string): Promise<StandEntity | null> {
    return this.ds.manager.findOne(StandEntity, { where: organisation ? { id, organisationCode: organisation } : { id } });
  }

  knelpuntenOf(standId: string, em: EntityManager = this.ds.manager): Promise<KnelpuntEntity[]> {
    return em.find(KnelpuntEntity, { where: { standId }, order: { position: 'ASC' } });
  }

  async nextReferences(em: EntityManager, count: number): Promise<number[]> {
    const rows: { n: string }[] = await em.query(`SELECT nextval('knelpunt_reference_seq') AS n FROM generate_series(1, $1)`, [count]);
    return rows.map((r) => Number(r.n));
  }

  async insert(em: EntityManager, data: NewStand): Promise<void> {
    // jsonb columns defeat TypeORM's deep-partial typing; the entities are complete here.
    await em.insert(StandEntity, data.stand as QueryDeepPartialEntity<StandEntity>);
    await em.insert(KnelpuntEntity, data.knelpunten as QueryDeepPartialEntity<KnelpuntEntity>[]);
    await em.insert(TimelineEntryEntity, data.timeline as QueryDeepPartialEntity<TimelineEntryEntity>[]);
    await em.insert(
      WorkflowStartEntity,
      data.knelpunten.map((k) => ({ knelpuntId: k.id, createdAt: data.stand.createdAt, startedAt: null, attempts: 0, lastError: null })),
    );
  }

  /**
   * One page of Standen, newest first, after the keyset `after` (created_at with microseconds, id);
   * read along standen_list_idx / standen_organisation_list_idx.
   */
  async listPublic(
    limit: number,
    organisation?: string,
    after?: { createdAt: string; id: string },
  ): Promise<{ stand: StandEntity; cursorAt: string }[]> {
    const rows: {
      id: string;
      organisation_code: string;
      period: string;
      title: string;
      published_on: string | null;
      source_url: string | null;
      created_at: Date;
      cursor_at: string;
    }[] = await this.ds.query(
      `SELECT id, organisation_code, period, title, to_char(published_on, 'YYYY-MM-DD') AS published_on, source_url, created_at,
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
         FROM standen
        WHERE ($1::varchar IS NULL OR organisation_code = $1)
          AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
        ORDER BY created_at DESC, id DESC
        LIMIT $4`,
      [organisation ?? null, after?.createdAt ?? null, after?.id ?? null, limit],
    );
    return rows.map((r) => ({
      stand: Object.assign(new StandEntity(), {
        id: r.id,
        organisationCode: r.organisation_code,
        period: r.period,
        title: r.title,
        publishedOn: r.published_on,
        sourceUrl: r.source_url,
        createdAt: r.created_at,
      }),
      cursorAt: r.cursor_at,
    }));
  }
}
