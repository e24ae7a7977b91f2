/**
 * The activities of the uitvraag workflow (implemented in libs/uitvraag/src/activities). Each is idempotent:
 * planning only reads; reminders are keyed by (round, organisation, kind) in the database; closing changes an open
 * round only.
 */
import type { UitvraagHerinneringKind, UitvraagPlan } from '../../libs/domain/src/uitvraag/uitvraag-planning';

export interface PlanUitvraagrondeInput {
  rondeId: string;
  /** the planning moment (workflow time, ISO): reminders before it are skipped */
  now: string;
}

export interface PlanUitvraagrondeResult {
  /** 'onbekend': no such round (the workflow ends) */
  status: 'open' | 'gesloten' | 'onbekend';
  plan: UitvraagPlan | null;
}

export interface StuurUitvraagHerinneringenInput {
  rondeId: string;
  kind: UitvraagHerinneringKind;
  /** when the reminder is due (workflow time, ISO); the notifications carry it */
  at: string;
}

export interface SluitUitvraagrondeInput {
  rondeId: string;
  at: string;
}

export interface UitvraagActivities {
  planUitvraagronde(input: PlanUitvraagrondeInput): Promise<PlanUitvraagrondeResult>;
  /** Records and enqueues the reminder for every expected organisation without a Stand yet; returns their codes. */
  stuurUitvraagHerinneringen(input: StuurUitvraagHerinneringenInput): Promise<{ sentTo: string[] }>;
  /** Closes the round and marks the organisations without a Stand late; returns their codes. */
  sluitUitvraagronde(input: SluitUitvraagrondeInput): Promise<{ late: string[] }>;
}
