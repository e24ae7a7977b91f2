import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ActorSnapshot } from '../entities/deadline-policy.entity';

export interface GelijkgesteldeDagRecord {
  date: string;
  name: string;
  createdAt: Date;
}

@Injectable()
export class GelijkgesteldeDagRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** All equated days, or those of one year; dates as YYYY-MM-DD. */
  async list(year?: number): Promise<GelijkgesteldeDagRecord[]> {
    const rows: { date: string; name: string; created_at: Date }[] = await this.ds.query(
      `SELECT date::text AS date, name, created_at FROM gelijkgestelde_dagen
        WHERE ($1::int IS NULL OR date >= make_date($1, 1, 1) AND date < make_date($1 + 1, 1, 1))
        ORDER BY date`,
      [year ?? null],
    );
    return rows.map((r) => ({ date: r.date, name: r.name, createdAt: r.created_at }));
  }

  /** Inserts the day; null when a day with that date already exists. */
  async insert(date: string, name: string, createdBy: ActorSnapshot): Promise<GelijkgesteldeDagRecord | null> {
    const rows: { date: string; name: string; created_at: Date }[] = await this.ds.query(
      `INSERT INTO gelijkgestelde_dagen (date, name, created_at, created_by) VALUES ($1, $2, now(), $3::jsonb)
       ON CONFLICT (date) DO NOTHING
       RETURNING date::text AS date, name, created_at`,
      [date, name, JSON.stringify(createdBy)],
    );
    const row = rows[0];
    return row ? { date: row.date, name: row.name, createdAt: row.created_at } : null;
  }
}
