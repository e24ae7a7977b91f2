import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Ambtelijke sturingsdriehoek: eigenaar, opdrachtgever(s), opdrachtnemer (the organisation). */
@Entity({ name: 'driehoeken' })
export class DriehoekEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Column({ name: 'opdrachtnemer_code', type: 'varchar', length: 16 })
  opdrachtnemerCode: string;

  @Column({ name: 'eigenaar_code', type: 'varchar', length: 16 })
  eigenaarCode: string;

  @Column({ name: 'opdrachtgever_codes', type: 'varchar', array: true })
  opdrachtgeverCodes: string[];
}
