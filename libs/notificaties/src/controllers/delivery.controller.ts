import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Policy } from '@kp/toegang/decorators';
import { DeliveryDto, DeliveryIdParamDto, DeliveryPageDto, ListDeliveriesQueryDto } from '../dtos/delivery.dto';
import { ListDeliveriesUseCase, RetryDeliveryUseCase } from '../use-cases/deliveries/deliveries.use-case';

/** The delivery outbox for the admin: what went out, what waits, what failed for good (dead letters), retry by hand. */
@ApiTags('notificaties')
@Controller('deliveries')
@Policy('admin')
export class DeliveryController {
  constructor(
    private readonly list: ListDeliveriesUseCase,
    private readonly retry: RetryDeliveryUseCase,
  ) {}

  @Get()
  @Policy('admin')
  @ApiOperation({
    summary: 'Bezorgingen van e-mail en webhook, nieuwste eerst, met alle pogingen',
    description:
      'Filter op toestand met state: wachtend (pending), bezig (sending), verzonden (sent), overgeslagen (skipped) of mislukt (failed: de dode brieven, die met de hand opnieuw kunnen).',
  })
  @ApiOkResponse({ type: DeliveryPageDto })
  listDeliveries(@Query() query: ListDeliveriesQueryDto): Promise<DeliveryPageDto> {
    return this.list.execute(query);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Policy('admin')
  @ApiOperation({
    summary: 'Een mislukte bezorging opnieuw aanbieden',
    description: 'Zet een bezorging in toestand mislukt terug op wachtend; de bezorger probeert het opnieuw. 409 in elke andere toestand.',
  })
  @ApiOkResponse({ type: DeliveryDto })
  retryDelivery(@Param() params: DeliveryIdParamDto): Promise<DeliveryDto> {
    return this.retry.execute(params.id);
  }
}
