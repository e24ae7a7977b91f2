import { DEADLINE_ROLES, VERWIJZINGEN_ROLES, VOORTGANG_ROLES } from '@kp/domain';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdempotencyKey } from '@kp/shared/idempotency/idempotency-key';
import { CurrentPrincipal, Policy } from '@kp/toegang/decorators';
import { Principal } from '@kp/toegang/principal';
import {
  DeadlineActionRequestDto,
  DecisionRequestDto,
  KnelpuntIdOrReferenceParamDto,
  KnelpuntIdParamDto,
  knelpuntKey,
  ListKnelpuntenQueryDto,
  QueueQueryDto,
  VoortgangRequestDto,
} from './dtos/knelpunt.dto';
import { KnelpuntDetailDto, KnelpuntPageDto } from './dtos/knelpunt-response.dto';
import { ListKnelpuntenUseCase } from './use-cases/list-knelpunten/list-knelpunten.use-case';
import { GetKnelpuntUseCase } from './use-cases/get-knelpunt/get-knelpunt.use-case';
import { DecideKnelpuntUseCase } from './use-cases/decide-knelpunt/decide-knelpunt.use-case';
import { AddVoortgangUseCase } from './use-cases/add-voortgang/add-voortgang.use-case';
import { ChangeDeadlineUseCase } from './use-cases/change-deadline/change-deadline.use-case';
import { GetDriehoekQueueUseCase } from './use-cases/get-driehoek-queue/get-driehoek-queue.use-case';
import { DriehoekCodeParamDto } from './dtos/driehoek-param.dto';
import { AmendKnelpuntDto } from './dtos/amend-knelpunt.dto';
import { AmendKnelpuntUseCase } from './use-cases/amend-knelpunt/amend-knelpunt.use-case';
import { VerwijzingenRequestDto } from './dtos/verwijzingen.dto';
import { ReplaceVerwijzingenUseCase } from './use-cases/replace-verwijzingen/replace-verwijzingen.use-case';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'Maakt een herhaald verzoek veilig' };

@ApiTags('knelpunten')
@Controller({ path: 'knelpunten' })
export class KnelpuntenController {
  constructor(
    private readonly list: ListKnelpuntenUseCase,
    private readonly get: GetKnelpuntUseCase,
    private readonly decide: DecideKnelpuntUseCase,
    private readonly voortgang: AddVoortgangUseCase,
    private readonly deadline: ChangeDeadlineUseCase,
    private readonly amend: AmendKnelpuntUseCase,
    private readonly verwijzingen: ReplaceVerwijzingenUseCase,
  ) {}

  @Patch(':id')
  @Policy('indiener')
  @ApiOperation({ summary: 'De inhoud van een eigen knelpunt wijzigen (titel, beschrijving, thema, …); de wijziging komt in de tijdlijn' })
  @ApiOkResponse({ type: KnelpuntDetailDto })
  amendKnelpunt(
    @CurrentPrincipal() p: Principal,
    @Param() params: KnelpuntIdParamDto,
    @Body() body: AmendKnelpuntDto,
  ): Promise<KnelpuntDetailDto> {
    return this.amend.execute(p, params.id, body);
  }

  @Put(':id/verwijzingen')
  @Policy(...VERWIJZINGEN_ROLES)
  @ApiOperation({
    summary: 'De verwijzingen naar Kamer en wetgeving vervangen (Kamerstukken, moties, toezeggingen, BWB-ids)',
    description:
      'Alle vier lijsten tegelijk; een lege lijst maakt die soort leeg. Binnen uw bereik: de eigen organisatie, de eigen ' +
      'driehoek, de ACU voor geëscaleerde knelpunten, de programmadirectie voor alle. De wijziging komt met de oude en nieuwe ' +
      'waarden in de tijdlijn; dezelfde lijsten nogmaals sturen verandert niets.',
  })
  @ApiOkResponse({ type: KnelpuntDetailDto })
  replaceVerwijzingen(
    @CurrentPrincipal() p: Principal,
    @Param() params: KnelpuntIdParamDto,
    @Body() body: VerwijzingenRequestDto,
  ): Promise<KnelpuntDetailDto> {
    return this.verwijzingen.execute(p, params.id, body);
  }

  @Get()
  @Policy('indiener', 'driehoek', 'acu', 'programmadirectie', 'admin')
  @ApiOperation({ summary: 'Knelpunten binnen uw bereik, nieuwste eerst (keyset-paginering)' })
  @ApiOkResponse({ type: KnelpuntPageDto })
  listKnelpunten(@CurrentPrincipal() p: Principal, @Query() query: ListKnelpuntenQueryDto): Promise<KnelpuntPageDto> {
    return this.list.execute(p, query);
  }

  @Get(':id')
  @Policy('indiener', 'driehoek', 'acu', 'programmadirectie', 'admin')
  @ApiOperation({
    summary: 'Eén knelpunt met status, termijnen en tijdlijn',
    description: 'Op id (UUID) of op kenmerk, zoals UWV-00018 (hoofdletters maken niet uit); alleen binnen uw bereik.',
  })
  @ApiOkResponse({ type: KnelpuntDetailDto })
  getKnelpunt(@CurrentPrincipal() p: Principal, @Param() params: KnelpuntIdOrReferenceParamDto): Promise<KnelpuntDetailDto> {
    return this.get.execute(p, knelpuntKey(params.id));
  }

  @Post(':id/decisions')
  @HttpCode(200)
  @Policy('indiener', 'driehoek', 'acu', 'programmadirectie')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Een beslissing nemen; de workflow weigert wat nu niet mag (409 met allowed)' })
  @ApiOkResponse({ type: KnelpuntDetailDto })
  @ApiConflictResponse({ description: 'Beslissing niet toegestaan in de huidige status' })
  takeDecision(
    @CurrentPrincipal() p: Principal,
    @Param() params: KnelpuntIdParamDto,
    @Body() body: DecisionRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<KnelpuntDetailDto> {
    return this.decide.execute(p, params.id, body, key);
  }

  @Post(':id/voortgang')
  @HttpCode(200)
  @Policy(...VOORTGANG_ROLES)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Voortgang toevoegen aan een knelpunt in aanpak' })
  @ApiOkResponse({ type: KnelpuntDetailDto })
  addVoortgang(
    @CurrentPrincipal() p: Principal,
    @Param() params: KnelpuntIdParamDto,
    @Body() body: VoortgangRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<KnelpuntDetailDto> {
    return this.voortgang.execute(p, params.id, body.summary, key);
  }

  @Post(':id/deadline-actions')
  @HttpCode(200)
  @Policy(...DEADLINE_ROLES)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Een lopende termijn opschorten, hervatten of verlengen (met reden)' })
  @ApiOkResponse({ type: KnelpuntDetailDto })
  changeDeadline(
    @CurrentPrincipal() p: Principal,
    @Param() params: KnelpuntIdParamDto,
    @Body() body: DeadlineActionRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<KnelpuntDetailDto> {
    return this.deadline.execute(p, params.id, body, key);
  }
}

@ApiTags('knelpunten')
@Controller({ path: 'driehoeken' })
export class DriehoekQueueController {
  constructor(private readonly queue: GetDriehoekQueueUseCase) {}

  @Get(':code/queue')
  @Policy('driehoek', 'programmadirectie', 'admin')
  @ApiOperation({
    summary: 'Werkvoorraad van een driehoek: open knelpunten, meest urgent eerst',
    description: 'Eerst de verlopen knelpunten, dan op de eerstvolgende termijn; te filteren op status, thema, verlopen en tekst.',
  })
  @ApiOkResponse({ type: KnelpuntPageDto })
  getQueue(
    @CurrentPrincipal() p: Principal,
    @Param() params: DriehoekCodeParamDto,
    @Query() query: QueueQueryDto,
  ): Promise<KnelpuntPageDto> {
    return this.queue.execute(p, params.code, query);
  }
}
