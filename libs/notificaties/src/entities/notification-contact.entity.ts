import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RecipientRole } from './notification.entity';

/** An e-mail address that receives the notifications of a recipient group. */
@Entity({ name: 'notification_contacts' })
export class NotificationContactEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  role: RecipientRole;

  /** Organisation (indiener) or driehoek code; null for acu and programmadirectie. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  scope: string | null;

  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
