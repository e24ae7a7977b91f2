import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IdempotencyKey } from '@kp/shared/idempotency/idempotency-key';
import { IdempotencyService } from '@kp/shared/idempotency/idempotency.service';
import { CurrentPrincipal, Policy } from '@kp/toegang/decorators';
import type { Principal } from '@kp/toegang/principal';
import { OpenUitvraagrondeDto, UitvraagrondeDto, UitvraagrondeIdParamDto, UitvraagrondePageDto } from '../dtos/uitvraagronde.dto';
import { OpenUitvraagrondeUseCase } from '../use-cases/open-uitvraagronde/open-uitvraagronde.use-case';
import { ListUitvraagrondesUseCase } from '../use-cases/list-uitvraagrondes/list-uitvraagrondes.use-case';
import { GetUitvraagrondeUseCase } from '../use-cases/get-uitvraagronde/get-uitvraagronde.use-case';
import { SluitUitvraagrondeUseCase } from '../use-cases/sluit-uitvraagronde/sluit-uitvraagronde.use-case';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'Maakt een herhaald verzoek veilig' };

@ApiTags('uitvraag')
@Controller('uitvraagrondes')
export class UitvraagrondesController {
  constructor(
    private readonly open: OpenUitvraagrondeUseCase,
    private readonly list: ListUitvraagrondesUseCase,
    private readonly get: GetUitvraagrondeUseCase,
    private readonly sluit: SluitUitvraagrondeUseCase,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post()
  @Policy('programmadirectie')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({
    summary: 'Een uitvraagronde openen: de verwachte organisaties, het jaar van de Standen en de sluitingsdatum',
    description:
      'De sluitingsdatum is een werkdag in de toekomst. Organisaties die nog geen Stand over het jaar hebben ingediend krijgen ' +
      'een herinnering 10 en 5 werkdagen vóór de sluitingsdatum en op de dag zelf, om 09:00.',
  })
  @ApiCreatedResponse({ type: UitvraagrondeDto })
  async openUitvraagronde(
    @CurrentPrincipal() principal: Principal,
    @Body() body: OpenUitvraagrondeDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @IdempotencyKey() key?: string,
  ): Promise<unknown> {
    const res = await this.idempotency.run(key, principal.subject, { path: 'uitvraagrondes', body }, async () => ({
      status: 201,
      body: await this.open.execute(body, principal),
    }));
    void reply.status(res.status);
    return res.body;
  }

  @Get()
  @Policy('programmadirectie', 'indiener', 'driehoek')
  @ApiOperation({ summary: 'Uitvraagrondes: de programmadirectie ziet alle, een organisatie de rondes waarin zij wordt gevraagd' })
  @ApiOkResponse({ type: UitvraagrondePageDto })
  listUitvraagrondes(@CurrentPrincipal() principal: Principal): Promise<UitvraagrondePageDto> {
    return this.list.execute(principal);
  }

  @Get(':id')
  @Policy('programmadirectie', 'indiener', 'driehoek')
  @ApiOperation({ summary: 'Eén uitvraagronde met de volledigheid per organisatie (ingediend, nog niet ingediend, te laat)' })
  @ApiOkResponse({ type: UitvraagrondeDto })
  getUitvraagronde(@Param() params: UitvraagrondeIdParamDto, @CurrentPrincipal() principal: Principal): Promise<UitvraagrondeDto> {
    return this.get.execute(params.id, principal);
  }

  @Post(':id/sluiten')
  @HttpCode(200)
  @Policy('programmadirectie')
  @ApiOperation({
    summary: 'Een open uitvraagronde vroegtijdig sluiten (wie niets heeft ingediend is dan te laat; 409 als hij al dicht is)',
  })
  @ApiOkResponse({ type: UitvraagrondeDto })
  async sluitUitvraagronde(@Param() params: UitvraagrondeIdParamDto, @CurrentPrincipal() principal: Principal): Promise<UitvraagrondeDto> {
    await this.sluit.execute(params.id, principal);
    return this.get.execute(params.id, principal);
  }
}
