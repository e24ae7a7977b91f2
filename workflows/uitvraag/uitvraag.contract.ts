/**
 * The contract of the intake-round (uitvraag) workflow: type, id, input, result, signal and query.
 * Imported by the workflow, the worker, the API and the tests, so nothing names the workflow by a bare string.
 * Only types and @temporalio/workflow definitions here (this file is bundled into the workflow sandbox).
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { UitvraagHerinneringKind } from '../../libs/domain/src/uitvraag/uitvraag-planning';

export const UITVRAAG_WORKFLOW_TYPE = 'uitvraagWorkflow';

/** One workflow per round; the id is derived from the round id, so starting twice starts once. */
export function uitvraagWorkflowId(rondeId: string): string {
  return `uitvraag-${rondeId}`;
}

export interface UitvraagWorkflowInput {
  rondeId: string;
}

export type HerinneringToestand = 'gepland' | 'verstuurd' | 'overgeslagen';

export interface UitvraagWorkflowState {
  rondeId: string;
  closingDate: string | null;
  closesAt: string | null;
  reminders: { kind: UitvraagHerinneringKind; at: string; state: HerinneringToestand; sentTo: string[] }[];
  /** open while the round runs; gesloten once closed (after the closing date or early) */
  status: 'open' | 'gesloten';
}

export interface UitvraagWorkflowResult {
  rondeId: string;
  /** how the round ended: after its closing date, closed early, or it was already closed/unknown when the workflow ran */
  afloop: 'gesloten_na_sluitingsdatum' | 'vroegtijdig_gesloten' | 'al_gesloten';
  late: string[];
}

/** Closes the round early (the API has already written it closed; the workflow stops waiting). */
export const sluitenSignal = defineSignal<[]>('sluiten');

export const uitvraagStateQuery = defineQuery<UitvraagWorkflowState>('uitvraagToestand');
