import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OpenbareRapportageDto } from '../dtos/rapportage-publicatie.dto';

export interface RapportagePublicatieRow {
  kwartaal: string;
  versie: number;
  /** Day of publication, Europe/Amsterdam. */
  publishedOn: string;
}

const COLUMNS = `kwartaal, versie, to_char(published_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD') AS "publishedOn"`;

/** The published quarterly reports: append-only, one row per version; nothing here ever updates or deletes a row. */
@Injectable()
export class RapportagePublicatieRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Stores the snapshot as the next version of its quarter. A transaction-scoped advisory lock per quarter makes two
   * simultaneous publications take versions one after the other (the unique key would refuse a duplicate anyway).
   */
  async publish(
    kwartaal: string,
    publishedBy: { subject: string; name: string },
    snapshot: OpenbareRapportageDto,
  ): Promise<RapportagePublicatieRow> {
    return this.ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('rapportage_publicaties:' || $1))`, [kwartaal]);
      const [row] = (await m.query(
        `INSERT INTO rapportage_publicaties (id, kwartaal, versie, published_at, published_by, snapshot)
         SELECT $1, $2, coalesce(max(versie), 0) + 1, $5, $3::jsonb, $4::jsonb FROM rapportage_publicaties WHERE kwartaal = $2
         RETURNING ${COLUMNS}`,
        [randomUUID(), kwartaal, JSON.stringify(publishedBy), JSON.stringify(snapshot), snapshot.generatedAt],
      )) as RapportagePublicatieRow[];
      return row!;
    });
  }

  /** Every publication, newest first (no personal data selected). */
  async list(): Promise<RapportagePublicatieRow[]> {
    return (await this.ds.query(
      `SELECT ${COLUMNS} FROM rapportage_publicaties ORDER BY published_at DESC, kwartaal DESC, versie DESC`,
    )) as RapportagePublicatieRow[];
  }

  /** The stored snapshot of one version, or null. */
  async snapshot(kwartaal: string, versie: number): Promise<OpenbareRapportageDto | null> {
    const [row] = (await this.ds.query(`SELECT snapshot FROM rapportage_publicaties WHERE kwartaal = $1 AND versie = $2`, [
      kwartaal,
      versie,
    ])) as { snapshot: OpenbareRapportageDto }[];
    return row?.snapshot ?? null;
  }
}
