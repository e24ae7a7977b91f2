import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A Stand van de Uitvoering: an organisation's public letter listing its knelpunten. */
@Entity({ name: 'standen' })
export class StandEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'organisation_code', type: 'varchar', length: 16 })
  organisationCode: string;

  @Column({ type: 'varchar', length: 32 })
  period: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ name: 'published_on', type: 'date', nullable: true })
  publishedOn: string | null;

  @Column({ name: 'source_url', type: 'varchar', length: 2000, nullable: true })
  sourceUrl: string | null;

  /** sha256 of the normalised content: the same Stand posted twice is recognised by it. */
  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash: string;

  @Column({ name: 'created_by', type: 'jsonb' })
  createdBy: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
