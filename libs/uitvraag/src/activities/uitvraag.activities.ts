import { Injectable } from '@nestjs/common';
import { isLocalDate } from '@kp/domain';
import { planUitvraag, UITVRAAG_HERINNERINGEN } from '@kp/domain/uitvraag/uitvraag-planning';
import { DomainException, InvalidParam } from '@kp/shared/errors';
import { WerkdagenKalenderProvider } from '@kp/termijnen/kalender/werkdagen-kalender.provider';
import type {
  PlanUitvraagrondeInput,
  PlanUitvraagrondeResult,
  SluitUitvraagrondeInput,
  StuurUitvraagHerinneringenInput,
  UitvraagActivities,
} from '../../../../workflows/uitvraag/uitvraag.activities-contract';
import { UitvraagrondeRepository } from '../repositories/uitvraagronde.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Temporal payloads are untyped: each input checks itself (a bad one fails non-retryable via asActivity). */
function check(input: { rondeId?: unknown; at?: unknown; now?: unknown; kind?: unknown }, fields: ('at' | 'now' | 'kind')[]): void {
  const problems: InvalidParam[] = [];
  if (typeof input?.rondeId !== 'string' || !UUID.test(input.rondeId)) problems.push({ name: 'rondeId', reason: 'moet een UUID zijn' });
  for (const f of fields) {
    const v = input?.[f];
    if (f === 'kind') {
      if (!UITVRAAG_HERINNERINGEN.some((h) => h.kind === v)) problems.push({ name: 'kind', reason: 'is geen soort herinnering' });
    } else if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) problems.push({ name: f, reason: 'moet een ISO-tijdstip zijn' });
  }
  if (problems.length > 0) throw DomainException.validation(problems);
}

/** The uitvraag workflow's activities: thin adapters over the repository and the werkdagen calendar. */
@Injectable()
export class UitvraagActivitiesAdapter implements UitvraagActivities {
  constructor(
    private readonly rondes: UitvraagrondeRepository,
    private readonly kalenders: WerkdagenKalenderProvider,
  ) {
    this.planUitvraagronde = this.planUitvraagronde.bind(this);
    this.stuurUitvraagHerinneringen = this.stuurUitvraagHerinneringen.bind(this);
    this.sluitUitvraagronde = this.sluitUitvraagronde.bind(this);
  }

  /** Reads only: the round and the calendar with the stored equated days. */
  async planUitvraagronde(input: PlanUitvraagrondeInput): Promise<PlanUitvraagrondeResult> {
    check(input, ['now']);
    const ronde = await this.rondes.findForWorkflow(input.rondeId);
    if (!ronde) return { status: 'onbekend', plan: null };
    if (!isLocalDate(ronde.closingDate)) throw DomainException.validation([{ name: 'closingDate', reason: 'is geen datum' }]);
    return { status: ronde.status, plan: planUitvraag(ronde.closingDate, input.now, await this.kalenders.get()) };
  }

  async stuurUitvraagHerinneringen(input: StuurUitvraagHerinneringenInput): Promise<{ sentTo: string[] }> {
    check(input, ['at', 'kind']);
    const werkdagenBefore = UITVRAAG_HERINNERINGEN.find((h) => h.kind === input.kind)!.werkdagenBefore;
    const sentTo = await this.rondes.recordReminders({ rondeId: input.rondeId, kind: input.kind, werkdagenBefore, at: input.at });
    return { sentTo };
  }

  async sluitUitvraagronde(input: SluitUitvraagrondeInput): Promise<{ late: string[] }> {
    check(input, ['at']);
    const { late } = await this.rondes.close(input.rondeId, input.at);
    return { late };
  }
}
