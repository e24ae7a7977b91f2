/**
 * An intake round (uitvraag): plan the reminders on the werkdagen calendar, sleep until each one, remind the
 * organisations that have not submitted their Stand yet, and close the round after its closing date. Deterministic:
 * every read and write is an activity; the clock is workflow time.
 *
 * Reminders whose moment had already passed when the round was planned are skipped, not sent late in a burst (a round
 * opened 3 werkdagen before its closing date gets only the reminder on the day). A reminder that falls due while the
 * worker is down goes out when it is back: its moment had not passed at planning.
 */
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { UitvraagActivities } from './uitvraag.activities-contract';
import {
  UitvraagWorkflowInput,
  UitvraagWorkflowResult,
  UitvraagWorkflowState,
  sluitenSignal,
  uitvraagStateQuery,
} from './uitvraag.contract';

const acts = proxyActivities<UitvraagActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export async function uitvraagWorkflow(input: UitvraagWorkflowInput): Promise<UitvraagWorkflowResult> {
  const { rondeId } = input;
  let sluitenGevraagd = false;
  const state: UitvraagWorkflowState = { rondeId, closingDate: null, closesAt: null, reminders: [], status: 'open' };
  setHandler(sluitenSignal, () => {
    sluitenGevraagd = true;
  });
  setHandler(uitvraagStateQuery, () => state);

  /** Sleeps until `at`; true when the round was closed early meanwhile. */
  const wachtTot = async (at: string): Promise<boolean> => {
    const ms = Date.parse(at) - Date.now();
    return ms > 0 ? condition(() => sluitenGevraagd, ms) : sluitenGevraagd;
  };
  const vroegtijdig = (): UitvraagWorkflowResult => {
    state.status = 'gesloten';
    return { rondeId, afloop: 'vroegtijdig_gesloten', late: [] };
  };

  const { status, plan } = await acts.planUitvraagronde({ rondeId, now: new Date().toISOString() });
  if (status !== 'open' || plan === null) {
    state.status = 'gesloten';
    return { rondeId, afloop: 'al_gesloten', late: [] };
  }
  state.closingDate = plan.closingDate;
  state.closesAt = plan.closesAt;
  state.reminders = plan.reminders.map((r) => ({ kind: r.kind, at: r.at, state: r.skipped ? 'overgeslagen' : 'gepland', sentTo: [] }));

  for (const reminder of state.reminders) {
    if (reminder.state === 'overgeslagen') continue;
    if (await wachtTot(reminder.at)) return vroegtijdig();
    const { sentTo } = await acts.stuurUitvraagHerinneringen({ rondeId, kind: reminder.kind, at: new Date().toISOString() });
    reminder.state = 'verstuurd';
    reminder.sentTo = sentTo;
  }
  if (await wachtTot(plan.closesAt)) return vroegtijdig();
  const { late } = await acts.sluitUitvraagronde({ rondeId, at: new Date().toISOString() });
  state.status = 'gesloten';
  return { rondeId, afloop: 'gesloten_na_sluitingsdatum', late };
}
