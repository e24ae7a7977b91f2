import { Body, Controller, Get, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Policy } from '@kp/toegang/decorators';
import type { Principal } from '@kp/toegang/principal';
import { DeadlinePolicyDto, DeadlinePolicyListDto } from '../dtos/deadline-policy.dto';
import { ListDeadlinePoliciesQueryDto, UpsertDeadlinePolicyDto } from '../dtos/upsert-deadline-policy.dto';
import { ListDeadlinePoliciesUseCase } from '../use-cases/list-deadline-policies/list-deadline-policies.use-case';
import { UpsertDeadlinePolicyUseCase } from '../use-cases/upsert-deadline-policy/upsert-deadline-policy.use-case';

@ApiTags('termijnen')
@Controller('deadline-policies')
export class DeadlinePolicyController {
  constructor(
    private readonly list: ListDeadlinePoliciesUseCase,
    private readonly upsert: UpsertDeadlinePolicyUseCase,
  ) {}

  @Get()
  @Policy('programmadirectie', 'admin', 'acu', 'driehoek')
  @ApiOperation({ summary: 'Termijnbeleid opvragen: de standaardtermijnen en herinneringen, en de afwijkingen per organisatie' })
  @ApiOkResponse({ type: DeadlinePolicyListDto })
  async listDeadlinePolicies(@Query() query: ListDeadlinePoliciesQueryDto): Promise<DeadlinePolicyListDto> {
    return { items: await this.list.execute(query) };
  }

  @Put()
  @Policy('programmadirectie')
  @ApiOperation({
    summary: 'Termijnbeleid vastleggen (aanmaken of vervangen) voor een termijnsoort, per organisatie of als standaard',
    description: 'Geldt voor termijnen die vanaf nu worden gepland; lopende termijnen houden het beleid waarmee ze zijn gestart.',
  })
  @ApiOkResponse({ type: DeadlinePolicyDto, description: 'Bestaand beleid vervangen' })
  @ApiCreatedResponse({ type: DeadlinePolicyDto, description: 'Nieuw beleid aangemaakt' })
  async putDeadlinePolicy(
    @Body() body: UpsertDeadlinePolicyDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DeadlinePolicyDto> {
    const { policy, created } = await this.upsert.execute(body, principal);
    void reply.status(created ? 201 : 200);
    return policy;
  }
}
