import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IdempotencyKey } from '@kp/shared/idempotency/idempotency-key';
import { CurrentPrincipal, Policy } from '@kp/toegang/decorators';
import { Principal } from '@kp/toegang/principal';
import { DecisionRequestDto, KnelpuntIdParamDto } from './dtos/knelpunt.dto';
import { DecideClusterUseCase } from './use-cases/decide-cluster/decide-cluster.use-case';
import { IdempotencyService } from '@kp/shared/idempotency/idempotency.service';

class ClusterDecisionItemDto {
  @ApiProperty({ format: 'uuid' }) knelpuntId: string;
  @ApiProperty() reference: string;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String }) outcome: string | null;
}

class ClusterDecisionResultDto {
  @ApiProperty({ format: 'uuid' }) clusterId: string;
  @ApiProperty() decision: string;
  @ApiProperty({ type: [ClusterDecisionItemDto] }) items: ClusterDecisionItemDto[];
}

@ApiTags('acu')
@Controller('acu/clusters')
export class ClusterDecisionsController {
  constructor(
    private readonly decide: DecideClusterUseCase,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post(':id/decisions')
  @HttpCode(200)
  @Policy('acu')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Maakt een herhaald verzoek veilig' })
  @ApiOperation({ summary: 'Eén ACU-besluit voor alle knelpunten van een cluster' })
  @ApiOkResponse({ type: ClusterDecisionResultDto })
  async takeClusterDecision(
    @CurrentPrincipal() p: Principal,
    @Param() params: KnelpuntIdParamDto,
    @Body() body: DecisionRequestDto,
    @IdempotencyKey() key?: string,
  ): Promise<unknown> {
    // A retried cluster decision replays the first answer (the members have moved on meanwhile).
    const res = await this.idempotency.run(key, p.subject, { path: `acu/clusters/${params.id}/decisions`, body }, async () => ({
      status: 200,
      body: await this.decide.execute(p, params.id, body, key),
    }));
    return res.body;
  }
}
