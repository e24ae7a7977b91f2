import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, Policy, Public } from '@kp/toegang/decorators';
import { Principal } from '@kp/toegang/principal';
import { DomainException } from '@kp/shared/errors';
import { ImportStandQueryDto, SubmitStandDto } from './dtos/submit-stand.dto';
import { StandDto } from './dtos/stand-response.dto';
import { SubmitStandUseCase } from './use-cases/submit-stand/submit-stand.use-case';
import { ImportStandCsvUseCase } from './use-cases/import-stand-csv/import-stand-csv.use-case';
import { IdempotencyService } from '@kp/shared/idempotency/idempotency.service';
import { ReadStandenUseCase } from './use-cases/read-standen/read-standen.use-case';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'Maakt een herhaald verzoek veilig' };

@ApiTags('standen')
@Controller({ path: 'standen' })
export class StandenController {
  constructor(
    private readonly submit: SubmitStandUseCase,
    private readonly importCsv: ImportStandCsvUseCase,
    private readonly idempotency: IdempotencyService,
    private readonly read: ReadStandenUseCase,
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
    @Headers('idempotency-key') key?: string,
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
  @ApiBody({
    schema: { type: 'string', example: 'title,description,theme\nComplexe regels,Te veel regelingen,vereenvoudiging' },
    description: 'Kopregel title,description,theme[,law,ministry,impact,proposedSolution,externalRef]; één knelpunt per rij',
  })
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
    @Headers('idempotency-key') key?: string,
  ): Promise<unknown> {
    const contentType = String(request.headers['content-type'] ?? '');
    if (!contentType.startsWith('text/csv')) {
      throw DomainException.validation([{ name: 'Content-Type', reason: 'moet text/csv zijn' }]);
    }
    const res = await this.idempotency.run(key, principal.subject, { path: 'standen/import', query, body: request.body }, async () => {
      const r = await this.importCsv.execute(principal, query, request.body);
      return { status: r.created ? 201 : 200, body: r.stand };
    });
    void reply.status(res.status);
    return res.body;
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Gepubliceerde Standen (openbaar)' })
  @ApiQuery({ name: 'organisation', required: false })
  listStanden(@Query('organisation') organisation?: string): Promise<unknown> {
    if (organisation !== undefined && !/^[A-Za-z]{2,16}$/.test(organisation)) {
      throw DomainException.validation([{ name: 'organisation', reason: 'moet een organisatiecode zijn, zoals UWV' }]);
    }
    return this.read.list(100, organisation);
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
