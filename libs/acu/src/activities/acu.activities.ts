import { Injectable } from '@nestjs/common';
import { asActivity } from '@kp/temporal/activity-failure';
import type { AcuPlacement, KnelpuntActivities } from '../../../../workflows/knelpunt/knelpunt.activities-contract';
import { PlaceOnAgendaUseCase } from '../use-cases/place-on-agenda/place-on-agenda.use-case';
import { CarryOverAgendaItemUseCase } from '../use-cases/carry-over-agenda-item/carry-over-agenda-item.use-case';
import { CloseAgendaItemUseCase } from '../use-cases/close-agenda-item/close-agenda-item.use-case';

/**
 * The ACU agenda activities of the knelpunt workflow: thin adapters over the use cases, each idempotent per
 * knelpunt (and meeting). Bad input fails non-retryably with the API's error code; database trouble is retried.
 * Methods are bound: they can be handed to a Temporal worker as they are.
 */
@Injectable()
export class AcuActivities implements Pick<KnelpuntActivities, 'placeOnAcuAgenda' | 'carryOverAcuItem' | 'closeAcuItem'> {
  constructor(
    private readonly placeUseCase: PlaceOnAgendaUseCase,
    private readonly carryOverUseCase: CarryOverAgendaItemUseCase,
    private readonly closeUseCase: CloseAgendaItemUseCase,
  ) {
    this.placeOnAcuAgenda = this.placeOnAcuAgenda.bind(this);
    this.carryOverAcuItem = this.carryOverAcuItem.bind(this);
    this.closeAcuItem = this.closeAcuItem.bind(this);
  }

  placeOnAcuAgenda(input: { knelpuntId: string; reason: string; now: string }): Promise<AcuPlacement> {
    return asActivity(() => this.placeUseCase.execute(input));
  }

  carryOverAcuItem(input: { knelpuntId: string; fromMeetingId: string; now: string }): Promise<AcuPlacement> {
    return asActivity(() => this.carryOverUseCase.execute(input));
  }

  closeAcuItem(input: { knelpuntId: string; decision: string; now: string }): Promise<void> {
    return asActivity(() => this.closeUseCase.execute(input));
  }
}
