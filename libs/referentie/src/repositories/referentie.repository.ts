import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface OrganisationRow {
  code: string;
  name: string;
  kind: string;
  active: boolean;
  driehoek: { code: string; eigenaar: string; opdrachtgevers: string[]; opdrachtnemer: string } | null;
}

@Injectable()
export class ReferentieRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async organisations(): Promise<OrganisationRow[]> {
    const rows: {
      code: string;
      name: string;
      kind: string;
      active: boolean;
      dcode: string | null;
      eigenaar: string | null;
      opdrachtgevers: string[] | null;
    }[] = await this.ds.query(
      `SELECT o.code, o.name, o.kind, o.active, d.code AS dcode, d.eigenaar_code AS eigenaar, d.opdrachtgever_codes AS opdrachtgevers
           FROM organisaties o LEFT JOIN driehoeken d ON d.opdrachtnemer_code = o.code ORDER BY o.code`,
    );
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      kind: r.kind,
      active: r.active,
      driehoek: r.dcode
        ? { code: r.dcode, eigenaar: r.eigenaar ?? '', opdrachtgevers: r.opdrachtgevers ?? [], opdrachtnemer: r.code }
        : null,
    }));
  }

  ministries(): Promise<{ code: string; name: string; active: boolean }[]> {
    return this.ds.query(`SELECT code, name, active FROM ministeries ORDER BY code`);
  }
}
