import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@kp/toegang/decorators';
import { FeestdagenDto, FeestdagenQueryDto, TermijnBerekeningDto, TermijnBerekeningQueryDto } from '../dtos/termijn-berekening.dto';
import { ExplainTermijnUseCase } from '../use-cases/explain-termijn/explain-termijn.use-case';

@ApiTags('termijnen')
@Controller('werkdagen')
export class WerkdagenController {
  constructor(private readonly explain: ExplainTermijnUseCase) {}

  @Get('berekening')
  @Public()
  @ApiOperation({
    summary: 'Een termijn berekenen en uitleggen volgens de Algemene termijnenwet',
    description:
      'De termijn loopt vanaf de dag na de startdatum; een einde in het weekend of op een feestdag schuift door naar de eerstvolgende werkdag.',
  })
  @ApiOkResponse({ type: TermijnBerekeningDto })
  explainTermijn(@Query() query: TermijnBerekeningQueryDto): Promise<TermijnBerekeningDto> {
    return this.explain.berekening(query);
  }

  @Get('feestdagen')
  @Public()
  @ApiOperation({ summary: 'De algemeen erkende feestdagen en gelijkgestelde dagen van een jaar' })
  @ApiOkResponse({ type: FeestdagenDto })
  async listFeestdagen(@Query() query: FeestdagenQueryDto): Promise<FeestdagenDto> {
    return { year: query.year, items: await this.explain.feestdagen(query.year) };
  }
}
