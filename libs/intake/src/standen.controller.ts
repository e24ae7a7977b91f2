import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdempotencyKey } from '@kp/shared/idempotency/idempotency-key';
import { CurrentPrincipal, Policy, Public } from '@kp/toegang/decorators';
import { Principal } from '@kp/toegang/principal';
import { DomainException } from '@kp/shared/errors';
import { ImportStandQueryDto, SubmitStandDto } from './dtos/submit-stand.dto';
import { StandDto, StandPageDto } from './dtos/stand-response.dto';
import { ListStandenQueryDto } from './dtos/list-standen.dto';
import { SubmitStandUseCase } from './use-cases/submit-stand/submit-stand.use-case';
import { ImportStandCsvUseCase } from './use-cases/import-stand-csv/import-stand-csv.use-case';
import { IdempotencyService } from '@kp/shared/idempotency/idempotency.service';
import { ReadStandenUseCase } from './use-cases/read-standen/read-standen.use-case';
import { PreviewStandCsvUseCase } from './use-cases/preview-stand-csv/preview-stand-csv.use-case';
import { CsvPreviewDto } from './dtos/csv-preview.dto';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'Maakt een herhaald verzoek veilig' };

const CSV_BODY = {
  schema: { type: 'string', example: 'title,description,theme\nComplexe regels,Te veel regelingen,vereenvoudiging' },
  description: 'Kopregel title,description,theme[,law,ministry,impact,proposedSolution,externalRef]; één knelpunt per rij',
};

function requireCsv(request: FastifyRequest): void {
  const contentType = String(request.headers['content-type'] ?? '');
  if (!contentType.startsWith('text/csv')) {
    throw DomainException.validation([{ name: 'Content-Type', reason: 'moet text/csv zijn' }]);
  }
}

@ApiTags('standen')
@Controller({ path: 'standen' })
export class StandenController {
  constructor(
    private readonly submit: SubmitStandUseCase,
    private readonly importCsv: ImportStandCsvUseCase,
    private readonly idempotency: IdempotencyService,
    private readonly read: ReadStandenUseCase,
    private readonly previewCsv: PreviewStandCsvUseCase,
  ) {}

  @Post()
  @Policy('indiener', 'programmadirectie', 'admin')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Een Stand van de Uitvoering indienen met zijn knelpunten (dezelfde Stand opnieuw maakt niets nieuws)' })
  @ApiCreatedResponse({ type: StandDto, description: 'Stand aangenomen; de workflows starten' })
  @ApiOkResponse({ type: StandDto, description: 'Deze Stand was al ingediend' })
  async submitStand(
    @CurrentPrincipal() principal: Principal,
    @Body() body: SubmitStandDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @IdempotencyKey() key?: string,
  ): Promise<unknown> {
    const res = await this.idempotency.run(key, principal.subject, { path: 'standen', body }, async () => {
      const r = await this.submit.execute({ stand: body, principal, source: 'json' });
      return { status: r.created ? 201 : 200, body: r.stand };
    });
    void reply.status(res.status);
    return res.body;
  }

  @Post('import')
  @Policy('indiener', 'programmadirectie', 'admin')
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiConsumes('text/csv')
  @ApiBody(CSV_BODY)
  @ApiQuery({ name: 'organisation', required: true })
  @ApiQuery({ name: 'period', required: true })
  @ApiQuery({ name: 'title', required: true })
  @ApiCreatedResponse({ type: StandDto })
  @ApiOperation({ summary: 'Een Stand importeren als CSV' })
  async importStand(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ImportStandQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @IdempotencyKey() key?: string,
  ): Promise<unknown> {
    requireCsv(request);
    const res = await this.idempotency.run(key, principal.subject, { path: 'standen/import', query, body: request.body }, async () => {
      const r = await this.importCsv.execute(principal, query, request.body);
      return { status: r.created ? 201 : 200, body: r.stand };
    });
    void reply.status(res.status);
    return res.body;
  }

  @Post('import-controle')
  @HttpCode(200)
  @Policy('indiener', 'programmadirectie', 'admin')
  @ApiConsumes('text/csv')
  @ApiBody(CSV_BODY)
  @ApiQuery({ name: 'organisation', required: true })
  @ApiQuery({ name: 'period', required: true })
  @ApiQuery({ name: 'title', required: true })
  @ApiOkResponse({ type: CsvPreviewDto, description: 'Elke rij met wat er niet goed is; er is niets opgeslagen' })
  @ApiOperation({
    summary: 'Een CSV-Stand controleren zonder iets op te slaan (voorbeeld vóór de import, met dezelfde regels als de import)',
  })
  previewImport(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ImportStandQueryDto,
    @Req() request: FastifyRequest,
  ): Promise<CsvPreviewDto> {
    requireCsv(request);
    return this.previewCsv.execute(principal, query, request.body);
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Gepubliceerde Standen (openbaar), nieuwste eerst (keyset-paginering)' })
  @ApiOkResponse({ type: StandPageDto })
  listStanden(@Query() query: ListStandenQueryDto): Promise<StandPageDto> {
    return this.read.list(query);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'Eén gepubliceerde Stand met zijn knelpunten (openbaar)' })
  @ApiOkResponse({ type: StandDto })
  getStand(
    @Param(
      'id',
      new ParseUUIDPipe({ exceptionFactory: () => DomainException.validation([{ name: 'id', reason: 'moet een geldige UUID zijn' }]) }),
    )
    id: string,
  ): Promise<StandDto> {
    return this.read.get(id);
  }
}
