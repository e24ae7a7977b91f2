import { Injectable, Logger } from '@nestjs/common';
import { algemeenErkendeFeestdagen, GELIJKGESTELDE_DAG_NAAM, isLocalDate, isoWeekday, parseLocalDate } from '@kp/domain';
import { DomainException, ErrorCode } from '@kp/shared/errors';
import { Principal, toActor } from '@kp/toegang/principal';
import { GelijkgesteldeDagRepository } from '../../repositories/gelijkgestelde-dag.repository';
import { WerkdagenKalenderProvider } from '../../kalender/werkdagen-kalender.provider';
import type { AddGelijkgesteldeDagDto, GelijkgesteldeDagDto } from '../../dtos/gelijkgestelde-dag.dto';
import { toGelijkgesteldeDagDto } from '../list-gelijkgestelde-dagen/list-gelijkgestelde-dagen.use-case';

/**
 * Records a day equated to a feestdag by besluit. From then on it is no werkdag for deadlines planned or
 * recomputed (this process at once, other processes within a minute); running deadlines keep their dates
 * until they are recomputed.
 */
@Injectable()
export class AddGelijkgesteldeDagUseCase {
  private readonly logger = new Logger(AddGelijkgesteldeDagUseCase.name);

  constructor(
    private readonly dagen: GelijkgesteldeDagRepository,
    private readonly kalenders: WerkdagenKalenderProvider,
  ) {}

  async execute(input: AddGelijkgesteldeDagDto, principal: Principal): Promise<GelijkgesteldeDagDto> {
    if (!isLocalDate(input.date)) throw DomainException.validation([{ name: 'date', reason: 'moet een datum zijn (JJJJ-MM-DD)' }]);
    if (isoWeekday(input.date) >= 6) {
      throw DomainException.validation([{ name: 'date', reason: 'valt in het weekend en is dus al geen werkdag' }]);
    }
    const statutory = algemeenErkendeFeestdagen(parseLocalDate(input.date).year, []).find((f) => f.date === input.date);
    if (statutory) {
      throw DomainException.validation([{ name: 'date', reason: `is al een algemeen erkende feestdag (${statutory.name})` }]);
    }
    const added = await this.dagen.insert(input.date, input.name ?? GELIJKGESTELDE_DAG_NAAM, toActor(principal));
    if (!added) {
      throw new DomainException(ErrorCode.CONFLICT, `${input.date} staat al in de lijst van gelijkgestelde dagen.`, [
        { name: 'date', reason: 'bestaat al' },
      ]);
    }
    this.kalenders.invalidate();
    this.logger.log(`Gelijkgestelde dag ${added.date} toegevoegd door ${principal.subject}`);
    return toGelijkgesteldeDagDto(added);
  }
}
