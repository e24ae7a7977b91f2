import { Injectable } from '@nestjs/common';
import { planUitvraag } from '@kp/domain/uitvraag/uitvraag-planning';
import { DomainException } from '@kp/shared/errors';
import type { Principal } from '@kp/toegang/principal';
import { WerkdagenKalenderProvider } from '@kp/termijnen/kalender/werkdagen-kalender.provider';
import { UitvraagrondeRepository } from '../../repositories/uitvraagronde.repository';
import type { UitvraagrondeDto } from '../../dtos/uitvraagronde.dto';
import { toRondeDto } from '../../mappers/uitvraagronde.mapper';
import { ownStatus, uitvraagScope } from '../scope';

/**
 * One round with its completeness view: per organisation submitted (with the Stand and its date), not yet, or late,
 * and the reminders sent. An organisation sees only its own row, and a round it is not expected in is not found.
 */
@Injectable()
export class GetUitvraagrondeUseCase {
  constructor(
    private readonly rondes: UitvraagrondeRepository,
    private readonly kalenders: WerkdagenKalenderProvider,
  ) {}

  async execute(id: string, principal: Principal): Promise<UitvraagrondeDto> {
    const scope = uitvraagScope(principal);
    const found = await this.rondes.get(id, scope);
    if (!found) throw DomainException.notFound(`Uitvraagronde ${id} bestaat niet of u wordt er niet in gevraagd.`);
    const plan = planUitvraag(found.ronde.closingDate, new Date(found.ronde.openedAt).toISOString(), await this.kalenders.get());
    return toRondeDto(found.ronde, found.organisations, plan, ownStatus(scope, found.ronde));
  }
}
