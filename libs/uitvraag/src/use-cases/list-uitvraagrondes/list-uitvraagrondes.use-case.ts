import { Injectable } from '@nestjs/common';
import type { Principal } from '@kp/toegang/principal';
import { UitvraagrondeRepository } from '../../repositories/uitvraagronde.repository';
import type { UitvraagrondePageDto } from '../../dtos/uitvraagronde.dto';
import { toSamenvattingDto } from '../../mappers/uitvraagronde.mapper';
import { ownStatus, uitvraagScope } from '../scope';

/** The rounds the caller may see, newest first, with their counts (computed in SQL). */
@Injectable()
export class ListUitvraagrondesUseCase {
  constructor(private readonly rondes: UitvraagrondeRepository) {}

  async execute(principal: Principal): Promise<UitvraagrondePageDto> {
    const scope = uitvraagScope(principal);
    const rows = await this.rondes.list(scope);
    return { items: rows.map((r) => toSamenvattingDto(r, ownStatus(scope, r))) };
  }
}
