import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DeadlineKind, DeadlinePolicySnapshot, PolicyCandidate, TermUnit } from '@kp/domain';
import type { ActorSnapshot } from '../entities/deadline-policy.entity';

/** A policy row as the use cases see it. */
export interface DeadlinePolicyRecord {
  id: string;
  organisation: string | null;
  kind: DeadlineKind;
  instrument: string | null;
  termAmount: number;
  termUnit: TermUnit;
  reminderWerkdagen: number[];
  overdueRepeatDays: number | null;
  acuAfterOverdueWeeks: number | null;
  notifyProgrammadirectie: boolean;
  reminderHour: number;
  updatedAt: Date;
  updatedBy: ActorSnapshot;
}

export type DeadlinePolicyValues = Omit<DeadlinePolicyRecord, 'id' | 'updatedAt'>;

interface Row {
  id: string;
  organisation_code: string | null;
  kind: DeadlineKind;
  instrument: string | null;
  term_amount: number;
  term_unit: TermUnit;
  reminder_werkdagen: number[];
  overdue_repeat_days: number | null;
  acu_after_overdue_weeks: number | null;
  notify_programmadirectie: boolean;
  reminder_hour: number;
  updated_at: Date;
  updated_by: ActorSnapshot;
}

const COLUMNS = `id, organisation_code, kind, instrument, term_amount, term_unit, reminder_werkdagen, overdue_repeat_days,
  acu_after_overdue_weeks, notify_programmadirectie, reminder_hour, updated_at, updated_by`;

function toRecord(r: Row): DeadlinePolicyRecord {
  return {
    id: r.id,
    organisation: r.organisation_code,
    kind: r.kind,
    instrument: r.instrument,
    termAmount: r.term_amount,
    termUnit: r.term_unit,
    reminderWerkdagen: r.reminder_werkdagen,
    overdueRepeatDays: r.overdue_repeat_days,
    acuAfterOverdueWeeks: r.acu_after_overdue_weeks,
    notifyProgrammadirectie: r.notify_programmadirectie,
    reminderHour: r.reminder_hour,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

/** What a planned deadline keeps of its policy (its reminders and what follows when it is overdue). */
export function toPolicySnapshot(p: DeadlinePolicyRecord): DeadlinePolicySnapshot {
  return {
    reminderWerkdagen: [...p.reminderWerkdagen],
    overdueRepeatDays: p.overdueRepeatDays,
    acuAfterOverdueWeeks: p.acuAfterOverdueWeeks,
    notifyProgrammadirectieWhenOverdue: p.notifyProgrammadirectie,
    reminderHour: p.reminderHour,
  };
}

/** A policy row as planning takes it: the planning activity, and the data a command brings (PlanningSnapshotProvider). */
export function toPolicyCandidate(p: DeadlinePolicyRecord): PolicyCandidate {
  return {
    organisation: p.organisation,
    kind: p.kind,
    instrument: p.instrument,
    termAmount: p.termAmount,
    termUnit: p.termUnit,
    policy: toPolicySnapshot(p),
  };
}

@Injectable()
export class DeadlinePolicyRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The rows that may apply to a deadline of `kind` for `organisation`: its own and the defaults. */
  async candidates(kind: DeadlineKind, organisation: string): Promise<DeadlinePolicyRecord[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM deadline_policies WHERE kind = $1 AND (organisation_code IS NULL OR organisation_code = $2)`,
      [kind, organisation],
    );
    return rows.map(toRecord);
  }

  async list(filter: { organisation?: string; kind?: DeadlineKind }): Promise<DeadlinePolicyRecord[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM deadline_policies
        WHERE ($1::varchar IS NULL OR organisation_code IS NULL OR organisation_code = $1)
          AND ($2::varchar IS NULL OR kind = $2)
        ORDER BY kind, organisation_code NULLS FIRST, instrument NULLS FIRST`,
      [filter.organisation ?? null, filter.kind ?? null],
    );
    return rows.map(toRecord);
  }

  /** Inserts or replaces the policy for (organisation or default, kind, instrument or none). */
  async upsert(values: DeadlinePolicyValues): Promise<{ record: DeadlinePolicyRecord; created: boolean }> {
    const rows: (Row & { created: boolean })[] = await this.ds.query(
      `INSERT INTO deadline_policies (organisation_code, kind, instrument, term_amount, term_unit, reminder_werkdagen,
         overdue_repeat_days, acu_after_overdue_weeks, notify_programmadirectie, reminder_hour, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6::int[], $7, $8, $9, $10, now(), $11::jsonb)
       ON CONFLICT ((coalesce(organisation_code, '')), kind, (coalesce(instrument, ''))) DO UPDATE SET
         term_amount = EXCLUDED.term_amount,
         term_unit = EXCLUDED.term_unit,
         reminder_werkdagen = EXCLUDED.reminder_werkdagen,
         overdue_repeat_days = EXCLUDED.overdue_repeat_days,
         acu_after_overdue_weeks = EXCLUDED.acu_after_overdue_weeks,
         notify_programmadirectie = EXCLUDED.notify_programmadirectie,
         reminder_hour = EXCLUDED.reminder_hour,
         updated_at = EXCLUDED.updated_at,
         updated_by = EXCLUDED.updated_by
       RETURNING ${COLUMNS}, (xmax = 0) AS created`,
      [
        values.organisation,
        values.kind,
        values.instrument,
        values.termAmount,
        values.termUnit,
        values.reminderWerkdagen,
        values.overdueRepeatDays,
        values.acuAfterOverdueWeeks,
        values.notifyProgrammadirectie,
        values.reminderHour,
        JSON.stringify(values.updatedBy),
      ],
    );
    const row = rows[0];
    if (!row) throw new Error('upsert of deadline_policies returned no row');
    return { record: toRecord(row), created: row.created };
  }

  /** Canonical organisation code for case-insensitive input, or null when unknown. */
  async organisationCode(code: string): Promise<string | null> {
    const rows: { code: string }[] = await this.ds.query(`SELECT code FROM organisaties WHERE upper(code) = upper($1)`, [code]);
    return rows[0]?.code ?? null;
  }
}
