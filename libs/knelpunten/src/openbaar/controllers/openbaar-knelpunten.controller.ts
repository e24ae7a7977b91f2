import { Readable } from 'node:stream';
import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Page } from '@kp/shared/http';
import { Public } from '@kp/toegang/decorators';
import { SESSION_COOKIE } from '@kp/toegang/web-session/session-cookie';
import {
  ExportOpenbareKnelpuntenQueryDto,
  ListOpenbareKnelpuntenQueryDto,
  OpenbaarReferenceParamDto,
  PublicKnelpuntDto,
  PublicKnelpuntPageDto,
} from '../dtos/openbaar-knelpunten.dto';
import type { PublicKnelpunt } from '../public-fields';
import { ListOpenbareKnelpuntenUseCase } from '../use-cases/list-openbare-knelpunten/list-openbare-knelpunten.use-case';
import { GetOpenbaarKnelpuntUseCase } from '../use-cases/get-openbaar-knelpunt/get-openbaar-knelpunt.use-case';
import { ExportOpenbareKnelpuntenUseCase } from '../use-cases/export-openbare-knelpunten/export-openbare-knelpunten.use-case';

/** How long anyone (browsers, proxies) may reuse a public answer: the register is live, a minute late is fine. */
const PUBLIC_CACHE = 'public, max-age=60';

/**
 * A public answer may be cached by anyone, unless the request carried credentials: such a response is the caller's
 * own and gets `no-store` from the API's onSend hook (apps/api/src/bootstrap.ts), which only sets it when no
 * Cache-Control was set here. Called after the answer is known, so a refusal is never cached as public.
 */
function cachePublicly(request: FastifyRequest, reply: FastifyReply): void {
  const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies ?? {};
  if (!request.headers.authorization && cookies[SESSION_COOKIE] === undefined) void reply.header('Cache-Control', PUBLIC_CACHE);
}

@ApiTags('openbaar')
@Controller({ path: 'openbaar/knelpunten' })
export class OpenbaarKnelpuntenController {
  constructor(
    private readonly list: ListOpenbareKnelpuntenUseCase,
    private readonly get: GetOpenbaarKnelpuntUseCase,
    private readonly exporter: ExportOpenbareKnelpuntenUseCase,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Openbaar register: de knelpunten uit de gepubliceerde Standen, nieuwste eerst (keyset-paginering)',
    description: 'Zonder inloggen. Alleen de openbare velden; nooit namen, e-mailadressen, motiveringen of informatieverzoeken.',
  })
  @ApiOkResponse({ type: PublicKnelpuntPageDto })
  async listOpenbareKnelpunten(
    @Query() query: ListOpenbareKnelpuntenQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Page<PublicKnelpunt>> {
    const page = await this.list.execute(query);
    cachePublicly(request, reply);
    return page;
  }

  @Get('export')
  @Public()
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary: 'Open data: alle openbare knelpunten die aan de filters voldoen, als CSV of JSON',
    description:
      'Dezelfde velden als de lijst. CSV volgens RFC 4180 (UTF-8, komma, kopregel); een cel die met = + - @ of een tab begint, ' +
      'krijgt een apostrof ervoor, zodat een spreadsheet haar niet als formule leest. JSON: { "items": [...] }.',
  })
  @ApiOkResponse({ type: PublicKnelpuntPageDto, description: 'Het bestand (JSON zonder nextCursor, of CSV met één rij per knelpunt)' })
  async exportOpenbareKnelpunten(
    @Query() query: ExportOpenbareKnelpuntenQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.exporter.execute(query, query.format ?? 'json');
    cachePublicly(request, reply);
    return new StreamableFile(Readable.from(file.chunks, { objectMode: false }), {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName}"`,
    });
  }

  @Get(':reference')
  @Public()
  @ApiOperation({ summary: 'Eén knelpunt uit het openbaar register, op kenmerk (zoals UWV-00018)' })
  @ApiOkResponse({ type: PublicKnelpuntDto })
  async getOpenbaarKnelpunt(
    @Param() params: OpenbaarReferenceParamDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublicKnelpunt> {
    const knelpunt = await this.get.execute(params.reference);
    cachePublicly(request, reply);
    return knelpunt;
  }
}
