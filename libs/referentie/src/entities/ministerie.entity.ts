import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'ministeries' })
export class MinisterieEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
