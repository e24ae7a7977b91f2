import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Looks up reference codes for intake validation (canonical spelling, case-insensitive input). */
@Injectable()
export class ReferenceLookupRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async organisation(code: string): Promise<{ code: string; driehoek: string | null } | null> {
    const rows: { code: string; driehoek: string | null }[] = await this.ds.query(
      `SELECT o.code, d.code AS driehoek FROM organisaties o LEFT JOIN driehoeken d ON d.opdrachtnemer_code = o.code
       WHERE upper(o.code) = upper($1) AND o.active ORDER BY (d.code = o.code) DESC NULLS LAST LIMIT 1`,
      [code],
    );
    return rows[0] ?? null;
  }

  /** Map of upper-cased code → canonical code for the active ministries. */
  async ministries(): Promise<Map<string, string>> {
    const rows: { code: string }[] = await this.ds.query(`SELECT code FROM ministeries WHERE active`);
    return new Map(rows.map((r) => [r.code.toUpperCase(), r.code]));
  }
}
