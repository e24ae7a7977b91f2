import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Outcome, Status, Theme } from '@kp/domain';

export interface DeadlineView {
  id: string;
  kind: string;
  phase: string;
  dueAt: string;
  dueDate: string;
  state: 'lopend' | 'opgeschort' | 'verlopen' | 'voldaan' | 'vervallen';
  startedOn: string;
  term: { amount: number; unit: string };
  suspendedDays: number;
  explanation: string[];
  reminders: { at: string; label: string; sent: boolean }[];
  log: { at: string; type: string; actor: Record<string, unknown>; reason: string; data?: Record<string, unknown> }[];
}

/**
 * The projection of one knelpunt. Written by intake and by the workflow's projection activity
 * (guarded by projectionVersion so a retried or reordered write never goes backwards).
 */
@Entity({ name: 'knelpunten' })
export class KnelpuntEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  reference: string;

  @Column({ name: 'stand_id', type: 'uuid' })
  standId: string;

  @Column({ name: 'organisation_code', type: 'varchar', length: 16 })
  organisationCode: string;

  @Column({ name: 'driehoek_code', type: 'varchar', length: 16 })
  driehoekCode: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 32 })
  theme: Theme;

  @Column({ type: 'varchar', length: 300, nullable: true })
  law: string | null;

  @Column({ name: 'ministry_code', type: 'varchar', length: 16, nullable: true })
  ministryCode: string | null;

  @Column({ type: 'text', nullable: true })
  impact: string | null;

  @Column({ name: 'proposed_solution', type: 'text', nullable: true })
  proposedSolution: string | null;

  @Column({ name: 'external_ref', type: 'varchar', length: 200, nullable: true })
  externalRef: string | null;

  /** Kamerstukken by dossier-ondernummer, e.g. `29362-290` (issue 9). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  kamerstukken: string[];

  /** Moties, by their Kamerstuk number. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  moties: string[];

  /** Toezeggingen, by the Tweede Kamer's toezegging number. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  toezeggingen: string[];

  /** Laws and regelingen by BWB id, e.g. `BWBR0002448`. */
  @Column({ name: 'bwb_ids', type: 'text', array: true, default: () => "'{}'" })
  bwbIds: string[];

  @Column({ type: 'varchar', length: 32 })
  status: Status;

  @Column({ type: 'varchar', length: 32, nullable: true })
  outcome: Outcome | null;

  /** Ever escalated to the ACU: the ACU's read scope. */
  @Column({ type: 'boolean', default: false })
  escalated: boolean;

  @Column({ type: 'boolean', default: false })
  overdue: boolean;

  @Column({ name: 'next_due_at', type: 'timestamptz', nullable: true })
  nextDueAt: Date | null;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  deadlines: DeadlineView[];

  /** Live details from the workflow: owner, plan, question, team, instrument, cluster, flags. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  details: Record<string, unknown>;

  @Column({ name: 'projection_version', type: 'int', default: 0 })
  projectionVersion: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
