import { DataSource } from 'typeorm';
import { MINISTERIES, ORGANISATIES } from './reference-data';

/**
 * Idempotent: inserts what is missing and never overwrites edits made later through the admin API.
 * Runs in one transaction.
 */
export async function seedReferenceData(ds: DataSource): Promise<void> {
  await ds.transaction(async (tx) => {
    for (const m of MINISTERIES) {
      await tx.query(`INSERT INTO ministeries (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING`, [m.code, m.name]);
    }
    for (const o of ORGANISATIES) {
      await tx.query(`INSERT INTO organisaties (code, name, kind) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING`, [
        o.code,
        o.name,
        o.kind ?? 'uitvoeringsorganisatie',
      ]);
      await tx.query(
        `INSERT INTO driehoeken (code, opdrachtnemer_code, eigenaar_code, opdrachtgever_codes) VALUES ($1, $1, $2, $3)
         ON CONFLICT (code) DO NOTHING`,
        [o.code, o.eigenaar, o.opdrachtgevers],
      );
    }
  });
}
