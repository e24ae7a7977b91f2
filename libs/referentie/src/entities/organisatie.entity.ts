import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'organisaties' })
export class OrganisatieEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  kind: 'uitvoeringsorganisatie' | 'koepel';

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
