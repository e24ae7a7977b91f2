import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Policy } from '@kp/toegang/decorators';
import { Principal } from '@kp/toegang/principal';
import {
  PDF_CONTENT_TYPE,
  VoortgangsrapportageDto,
  VoortgangsrapportageQueryDto,
  XLSX_CONTENT_TYPE,
} from './dtos/voortgangsrapportage.dto';
import { GetVoortgangsrapportageUseCase } from './use-cases/get-voortgangsrapportage/get-voortgangsrapportage.use-case';
import { PubliceerRapportageDto, RapportagePublicatieDto } from './dtos/rapportage-publicatie.dto';
import { PubliceerVoortgangsrapportageUseCase } from './use-cases/publiceer-voortgangsrapportage/publiceer-voortgangsrapportage.use-case';
import { rapportageCsv, rapportageTabellen, rapportageXlsx } from './use-cases/get-voortgangsrapportage/rapportage-export';
import { voortgangPdf } from './use-cases/get-voortgangsrapportage/voortgang-pdf';

@ApiTags('rapportages')
@ApiExtraModels(VoortgangsrapportageDto)
@Controller({ path: 'rapportages' })
export class RapportagesController {
  constructor(
    private readonly voortgangsrapportage: GetVoortgangsrapportageUseCase,
    private readonly publiceer: PubliceerVoortgangsrapportageUseCase,
  ) {}

  @Get('voortgang')
  @Policy('programmadirectie', 'acu')
  @ApiOperation({
    summary: 'Kwartaalrapportage van de voortgang: per status, thema, organisatie en doorbraakteam, stromen, termijnen en doorlooptijd',
    description:
      'Alle getallen binnen uw bereik (de programmadirectie telt alle knelpunten, de ACU de knelpunten die naar de ACU zijn ' +
      'geëscaleerd), berekend door de database over de knelpunten en hun tijdlijn. `quarter` telt de knelpunten die in het ' +
      'kwartaal zijn ingediend, `cumulative` alle knelpunten tot het einde van het kwartaal, beide met hun stand op het peilmoment ' +
      '(het einde van het kwartaal, of nu als het nog loopt). `format=csv` geeft dezelfde tabellen als CSV (RFC 4180, UTF-8, ' +
      'één sectie per tabel: titel, kopregel, rijen; tekst die met = + - @ begint krijgt een apostrof ervoor), `format=xlsx` als ' +
      'Excel-werkmap (één werkblad per tabel); beide als bijlage `kwartaalrapportage-<kwartaal>.<csv|xlsx>`. `format=pdf` geeft ' +
      'een afdrukbaar A4-document met dezelfde getallen (per onderdeel een kop, een staafdiagram als vectorafbeelding en een tabel ' +
      'met dezelfde getallen, paginanummers, datum van samenstellen en versie `concept`) als bijlage ' +
      '`voortgangsrapportage-<kwartaal>.pdf`. Fouten zijn altijd application/problem+json.',
  })
  @ApiProduces('application/json', 'text/csv', XLSX_CONTENT_TYPE, PDF_CONTENT_TYPE)
  @ApiOkResponse({
    description: 'De rapportage: JSON, of met format=csv / xlsx / pdf het document als bijlage (Content-Disposition: attachment)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(VoortgangsrapportageDto) } },
      'text/csv': { schema: { type: 'string', description: 'CSV volgens RFC 4180, UTF-8 met byte order mark, CRLF' } },
      [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary', description: 'Excel-werkmap, één werkblad per tabel' } },
      [PDF_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary', description: 'PDF, A4, met grafieken en tabellen' } },
    },
  })
  async getVoortgang(
    @CurrentPrincipal() p: Principal,
    @Query() query: VoortgangsrapportageQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VoortgangsrapportageDto | string | Buffer> {
    const rapportage = await this.voortgangsrapportage.execute(p, query.kwartaal);
    const format = query.format ?? 'json';
    if (format === 'json') return rapportage;
    if (format === 'pdf') {
      void reply.header('Content-Type', PDF_CONTENT_TYPE);
      void reply.header('Content-Disposition', `attachment; filename="voortgangsrapportage-${rapportage.kwartaal}.pdf"`);
      const bereik = p.role === 'acu' ? 'de knelpunten die naar de ACU zijn geëscaleerd' : 'alle knelpunten';
      return voortgangPdf(rapportage, { bereik });
    }
    const tabellen = rapportageTabellen(rapportage);
    void reply.header('Content-Disposition', `attachment; filename="kwartaalrapportage-${rapportage.kwartaal}.${format}"`);
    if (format === 'csv') {
      void reply.header('Content-Type', 'text/csv; charset=utf-8');
      return rapportageCsv(tabellen);
    }
    void reply.header('Content-Type', XLSX_CONTENT_TYPE);
    return rapportageXlsx(rapportage, tabellen);
  }

  @Post('voortgang/publicaties')
  @HttpCode(201)
  @Policy('programmadirectie')
  @ApiOperation({
    summary: 'Publiceert de kwartaalrapportage: een vaste momentopname als volgende versie van het kwartaal',
    description:
      'Berekent de rapportage van het kwartaal nu, over alle knelpunten, en bewaart haar ongewijzigd als versie 1, 2, …; een ' +
      'gecorrigeerde rapportage is een nieuwe versie, eerdere versies blijven leesbaar. Een lopend kwartaal mag ook (dan staat ' +
      '`lopend: true` in de momentopname); een kwartaal na het huidige niet. Iedereen leest de publicatie zonder inloggen via ' +
      '`url`; van de knelpunten staan alleen kenmerk, titel, organisatie en status erin, nooit wie publiceerde.',
  })
  @ApiCreatedResponse({ type: RapportagePublicatieDto })
  async publiceerVoortgang(@CurrentPrincipal() p: Principal, @Body() body: PubliceerRapportageDto): Promise<RapportagePublicatieDto> {
    return this.publiceer.execute(p, body.kwartaal);
  }
}
