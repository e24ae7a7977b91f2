import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeadlineKind, TermUnit } from '@kp/domain';

/** Who last changed a row (a snapshot of the principal, or the system). */
export interface ActorSnapshot {
  subject: string;
  name: string;
  role: string;
  organisation: string | null;
}

/**
 * A deadline policy: the term and reminder rules of one deadline kind, for one organisation or (organisation NULL)
 * for all. For politieke_reactie one row per instrument; a deadline keeps a snapshot of the policy it was planned with.
 */
@Entity({ name: 'deadline_policies' })
export class DeadlinePolicyEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'organisation_code', type: 'varchar', length: 16, nullable: true })
  organisationCode: string | null;

  @Column({ type: 'varchar', length: 32 })
  kind: DeadlineKind;

  @Column({ type: 'varchar', length: 64, nullable: true })
  instrument: string | null;

  @Column({ name: 'term_amount', type: 'int' })
  termAmount: number;

  @Column({ name: 'term_unit', type: 'varchar', length: 16 })
  termUnit: TermUnit;

  @Column({ name: 'reminder_werkdagen', type: 'int', array: true })
  reminderWerkdagen: number[];

  @Column({ name: 'overdue_repeat_days', type: 'int', nullable: true })
  overdueRepeatDays: number | null;

  @Column({ name: 'acu_after_overdue_weeks', type: 'int', nullable: true })
  acuAfterOverdueWeeks: number | null;

  @Column({ name: 'notify_programmadirectie', type: 'boolean' })
  notifyProgrammadirectie: boolean;

  @Column({ name: 'reminder_hour', type: 'int' })
  reminderHour: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'updated_by', type: 'jsonb' })
  updatedBy: ActorSnapshot;
}
