import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { toLocalDateAmsterdam } from '@kp/domain';
import { planUitvraag, sluitingsdatumProbleem } from '@kp/domain/uitvraag/uitvraag-planning';
import { DomainException, InvalidParam } from '@kp/shared/errors';
import { Principal, toActor } from '@kp/toegang/principal';
import { WerkdagenKalenderProvider } from '@kp/termijnen/kalender/werkdagen-kalender.provider';
import { UitvraagrondeRepository } from '../../repositories/uitvraagronde.repository';
import type { OpenUitvraagrondeDto, UitvraagrondeDto } from '../../dtos/uitvraagronde.dto';
import { toRondeDto } from '../../mappers/uitvraagronde.mapper';
import { UitvraagStartDispatcher } from '../uitvraag-start.dispatcher';

/**
 * Opens an intake round: the closing date is a future werkdag (the werkdagen calendar with the stored equated days),
 * every organisation is known. The round and its organisations are stored in one transaction with the workflow start
 * pending; the start is attempted right after the commit and retried by the dispatcher.
 */
@Injectable()
export class OpenUitvraagrondeUseCase {
  constructor(
    private readonly rondes: UitvraagrondeRepository,
    private readonly kalenders: WerkdagenKalenderProvider,
    private readonly starts: UitvraagStartDispatcher,
  ) {}

  async execute(input: OpenUitvraagrondeDto, principal: Principal, now: Date = new Date()): Promise<UitvraagrondeDto> {
    const kalender = await this.kalenders.get();
    const problems: InvalidParam[] = [];
    const closing = sluitingsdatumProbleem(input.closingDate, toLocalDateAmsterdam(now), kalender);
    if (closing) problems.push({ name: 'closingDate', reason: closing });
    const unknown = await this.rondes.unknownOrganisations(input.organisations);
    for (const code of unknown) {
      problems.push({ name: `organisations[${input.organisations.indexOf(code)}]`, reason: `onbekende organisatie: ${code}` });
    }
    if (problems.length > 0) throw DomainException.validation(problems);
    const id = randomUUID();
    await this.rondes.create({
      id,
      name: input.name,
      year: input.year,
      closingDate: input.closingDate,
      organisations: input.organisations,
      createdBy: toActor(principal),
    });
    this.starts.kick();
    const found = await this.rondes.get(id, { kind: 'alles' });
    if (!found) throw new Error(`uitvraagronde ${id} not found right after it was stored`);
    return toRondeDto(found.ronde, found.organisations, planUitvraag(input.closingDate, now.toISOString(), kalender), null);
  }
}
