import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainException } from '@kp/shared/errors';
import { Public } from '@kp/toegang/decorators';
import { SESSION_COOKIE } from '@kp/toegang/web-session/session-cookie';
import { OpenbareRapportageDto, RapportagePublicatieListDto, RapportageVersieParamDto } from '../../dtos/rapportage-publicatie.dto';
import { RapportagePublicatieRepository } from '../../repositories/rapportage-publicatie.repository';
import { toPublicatieDto } from '../../use-cases/publiceer-voortgangsrapportage/publiceer-voortgangsrapportage.use-case';

/** As the public register: anyone may reuse the answer for a minute, unless the request carried credentials. */
function cachePublicly(request: FastifyRequest, reply: FastifyReply): void {
  const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies ?? {};
  if (!request.headers.authorization && cookies[SESSION_COOKIE] === undefined) void reply.header('Cache-Control', 'public, max-age=60');
}

/** The published quarterly reports (issue 9): read-only, no login; every version is an immutable snapshot. */
@ApiTags('openbaar')
@Controller({ path: 'openbaar/rapportages' })
export class OpenbaarRapportagesController {
  constructor(private readonly publicaties: RapportagePublicatieRepository) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'De gepubliceerde kwartaalrapportages, nieuwste eerst',
    description: 'Zonder inloggen. Per publicatie het kwartaal, de versie, de datum en waar de rapportage te lezen is.',
  })
  @ApiOkResponse({ type: RapportagePublicatieListDto })
  async listOpenbareRapportages(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RapportagePublicatieListDto> {
    const items = (await this.publicaties.list()).map(toPublicatieDto);
    cachePublicly(request, reply);
    return { items };
  }

  @Get(':kwartaal/versies/:versie')
  @Public()
  @ApiOperation({
    summary: 'Eén gepubliceerde kwartaalrapportage, precies zoals zij is gepubliceerd',
    description: 'Zonder inloggen. De momentopname verandert nooit; een correctie is een nieuwe versie.',
  })
  @ApiOkResponse({ type: OpenbareRapportageDto })
  async getOpenbareRapportage(
    @Param() params: RapportageVersieParamDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OpenbareRapportageDto> {
    const snapshot = await this.publicaties.snapshot(params.kwartaal, Number(params.versie));
    if (!snapshot)
      throw DomainException.notFound(`Er is geen versie ${params.versie} van de rapportage over ${params.kwartaal} gepubliceerd.`);
    cachePublicly(request, reply);
    return snapshot;
  }
}
