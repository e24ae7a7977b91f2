import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface DriehoekRow {
  code: string;
  eigenaar: string;
  opdrachtgevers: string[];
  opdrachtnemer: string;
}

export interface OrganisationRow {
  code: string;
  name: string;
  kind: string;
  active: boolean;
  driehoek: DriehoekRow | null;
}

export interface MinistryRow {
  code: string;
  name: string;
  active: boolean;
}

export interface OrganisationInput {
  name: string;
  kind: string;
  active: boolean;
}

export interface MinistryInput {
  name: string;
  active: boolean;
}

const ORGANISATION_SELECT = `SELECT o.code, o.name, o.kind, o.active, d.code AS dcode, d.eigenaar_code AS eigenaar,
    d.opdrachtgever_codes AS opdrachtgevers
  FROM organisaties o LEFT JOIN driehoeken d ON d.opdrachtnemer_code = o.code`;

interface OrganisationSqlRow {
  code: string;
  name: string;
  kind: string;
  active: boolean;
  dcode: string | null;
  eigenaar: string | null;
  opdrachtgevers: string[] | null;
}

/** TypeORM answers an UPDATE … RETURNING on PostgreSQL with [rows, affected]. */
function returnedRows<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}

const toOrganisation = (r: OrganisationSqlRow): OrganisationRow => ({
  code: r.code,
  name: r.name,
  kind: r.kind,
  active: r.active,
  driehoek: r.dcode ? { code: r.dcode, eigenaar: r.eigenaar ?? '', opdrachtgevers: r.opdrachtgevers ?? [], opdrachtnemer: r.code } : null,
});

/**
 * Organisations, ministries and driehoeken. Codes are looked up case-insensitively (as intake does), so two codes that
 * differ only in case can never both exist; creating takes a transaction-scoped advisory lock per table for that check.
 */
@Injectable()
export class ReferentieRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async organisations(): Promise<OrganisationRow[]> {
    const rows: OrganisationSqlRow[] = await this.ds.query(`${ORGANISATION_SELECT} ORDER BY o.code`);
    return rows.map(toOrganisation);
  }

  async organisation(code: string, em: EntityManager = this.ds.manager): Promise<OrganisationRow | null> {
    const rows: OrganisationSqlRow[] = await em.query(`${ORGANISATION_SELECT} WHERE upper(o.code) = upper($1)`, [code]);
    return rows[0] ? toOrganisation(rows[0]) : null;
  }

  /** Inserts the organisation; null when its code is taken. */
  createOrganisation(code: string, input: OrganisationInput): Promise<OrganisationRow | null> {
    return this.ds.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('organisaties'))`);
      if (await this.organisation(code, em)) return null;
      await em.query(`INSERT INTO organisaties (code, name, kind, active) VALUES ($1, $2, $3, $4)`, [
        code,
        input.name,
        input.kind,
        input.active,
      ]);
      return this.organisation(code, em);
    });
  }

  /** Replaces name, kind and active; null when the organisation does not exist. */
  async updateOrganisation(code: string, input: OrganisationInput): Promise<OrganisationRow | null> {
    const result: unknown = await this.ds.query(
      `UPDATE organisaties SET name = $2, kind = $3, active = $4 WHERE upper(code) = upper($1) RETURNING code`,
      [code, input.name, input.kind, input.active],
    );
    const updated = returnedRows<{ code: string }>(result)[0];
    return updated ? this.organisation(updated.code) : null;
  }

  ministries(): Promise<MinistryRow[]> {
    return this.ds.query(`SELECT code, name, active FROM ministeries ORDER BY code`);
  }

  async ministry(code: string, em: EntityManager = this.ds.manager): Promise<MinistryRow | null> {
    const rows: MinistryRow[] = await em.query(`SELECT code, name, active FROM ministeries WHERE upper(code) = upper($1)`, [code]);
    return rows[0] ?? null;
  }

  /** Inserts the ministry; null when its code (in any case) is taken. */
  createMinistry(code: string, input: MinistryInput): Promise<MinistryRow | null> {
    return this.ds.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('ministeries'))`);
      if (await this.ministry(code, em)) return null;
      await em.query(`INSERT INTO ministeries (code, name, active) VALUES ($1, $2, $3)`, [code, input.name, input.active]);
      return this.ministry(code, em);
    });
  }

  /** Replaces name and active; null when the ministry does not exist. */
  async updateMinistry(code: string, input: MinistryInput): Promise<MinistryRow | null> {
    const result: unknown = await this.ds.query(
      `UPDATE ministeries SET name = $2, active = $3 WHERE upper(code) = upper($1) RETURNING code, name, active`,
      [code, input.name, input.active],
    );
    return returnedRows<MinistryRow>(result)[0] ?? null;
  }

  /** The ministries with these codes (any case), keyed by the upper-cased code. */
  async ministriesByCode(codes: string[]): Promise<Map<string, MinistryRow>> {
    const rows: MinistryRow[] = await this.ds.query(`SELECT code, name, active FROM ministeries WHERE upper(code) = ANY($1::text[])`, [
      codes.map((c) => c.toUpperCase()),
    ]);
    return new Map(rows.map((r) => [r.code.toUpperCase(), r]));
  }

  async driehoeken(): Promise<DriehoekRow[]> {
    return this.ds.query(
      `SELECT code, eigenaar_code AS eigenaar, opdrachtgever_codes AS opdrachtgevers, opdrachtnemer_code AS opdrachtnemer
         FROM driehoeken ORDER BY code`,
    );
  }

  /** Creates or replaces the driehoek of an organisation (its code is the organisation's). */
  async upsertDriehoek(
    organisation: string,
    eigenaar: string,
    opdrachtgevers: string[],
  ): Promise<{ driehoek: DriehoekRow; created: boolean }> {
    const rows: (DriehoekRow & { created: boolean })[] = await this.ds.query(
      `INSERT INTO driehoeken (code, opdrachtnemer_code, eigenaar_code, opdrachtgever_codes) VALUES ($1, $1, $2, $3::varchar[])
       ON CONFLICT (code) DO UPDATE SET eigenaar_code = EXCLUDED.eigenaar_code, opdrachtgever_codes = EXCLUDED.opdrachtgever_codes
       RETURNING code, eigenaar_code AS eigenaar, opdrachtgever_codes AS opdrachtgevers, opdrachtnemer_code AS opdrachtnemer,
                 (xmax = 0) AS created`,
      [organisation, eigenaar, opdrachtgevers],
    );
    const { created, ...driehoek } = rows[0]!;
    return { driehoek, created };
  }
}
