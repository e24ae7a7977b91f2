import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Checks organisation and driehoek codes against the reference data (canonical spelling, case-insensitive input). */
@Injectable()
export class ReferenceCodeRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The canonical code of an active organisation, or null. */
  async organisation(code: string): Promise<string | null> {
    const rows: { code: string }[] = await this.ds.query(`SELECT code FROM organisaties WHERE upper(code) = upper($1) AND active LIMIT 1`, [
      code,
    ]);
    return rows[0]?.code ?? null;
  }

  /** The canonical code of a driehoek, or null. */
  async driehoek(code: string): Promise<string | null> {
    const rows: { code: string }[] = await this.ds.query(`SELECT code FROM driehoeken WHERE upper(code) = upper($1) LIMIT 1`, [code]);
    return rows[0]?.code ?? null;
  }
}
