import { Column, Entity, PrimaryColumn } from 'typeorm';

export const AGENDA_ITEM_STATUSES = ['geagendeerd', 'besloten', 'doorgeschoven'] as const;
export type AgendaItemStatus = (typeof AGENDA_ITEM_STATUSES)[number];

/** A knelpunt on the agenda of one meeting. At most one open ('geagendeerd') item per knelpunt. */
@Entity({ name: 'acu_agenda_items' })
export class AcuAgendaItemEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @Column({ name: 'knelpunt_id', type: 'uuid' })
  knelpuntId: string;

  @Column({ type: 'varchar', length: 16 })
  status: AgendaItemStatus;

  /** How often this knelpunt was carried over to a next meeting before this item. */
  @Column({ name: 'carry_over_count', type: 'int' })
  carryOverCount: number;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  decision: string | null;

  /** For a carried-over item: the item on the next meeting. */
  @Column({ name: 'carried_to_item_id', type: 'uuid', nullable: true })
  carriedToItemId: string | null;
}
