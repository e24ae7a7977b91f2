import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface ActorSnapshot {
  subject: string;
  name: string;
  role: string;
  organisation: string | null;
}

/** A meeting of the ACU. Created by the ACU secretariaat, or automatically on the default calendar when needed. */
@Entity({ name: 'acu_meetings' })
export class AcuMeetingEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'meeting_date', type: 'date', unique: true })
  meetingDate: string;

  /** The last day on which a knelpunt can be placed on the agenda (5 werkdagen before the meeting). */
  @Column({ name: 'agenda_closes_on', type: 'date' })
  agendaClosesOn: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  title: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  location: string | null;

  @Column({ name: 'auto_created', type: 'boolean' })
  autoCreated: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'jsonb' })
  createdBy: ActorSnapshot;
}
