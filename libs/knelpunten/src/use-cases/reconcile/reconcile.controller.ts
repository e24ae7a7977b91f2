import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Policy } from '@kp/toegang/decorators';
import { ReconciliationRepairDto, ReconciliationReportDto } from './reconcile.dto';
import { ReconcileUseCase } from './reconcile.use-case';

/** Operations: compare the workflows with the read model and the outboxes, and repair drift. */
@ApiTags('beheer')
@Controller('beheer/reconciliatie')
export class ReconcileController {
  constructor(private readonly reconcile: ReconcileUseCase) {}

  @Get()
  @Policy('admin', 'programmadirectie')
  @ApiOperation({
    summary: 'Reconciliatie: vergelijk elke open workflow met het leesmodel en de outboxen en meld afwijkingen',
    description:
      'Vergelijkt status, uitkomst, escalatie, termijnen, signalen en projectieversie van elk open knelpunt met de toestand van zijn workflow, ' +
      'zoekt workflows die nooit gestart zijn of ontbreken, een leesmodel dat afgesloten zegt terwijl de workflow loopt (en andersom) en ' +
      'vastgelopen bezorgingen van meldingen. Wijzigt niets.',
  })
  @ApiOkResponse({ type: ReconciliationReportDto })
  check(): Promise<ReconciliationReportDto> {
    return this.reconcile.execute();
  }

  @Post('herstel')
  @HttpCode(200)
  @Policy('admin')
  @ApiOperation({
    summary: 'Reconciliatie met herstel: projecteer de toestand van de workflow opnieuw en start ontbrekende workflows',
    description:
      'Meldt wat de controle vond en herstelt het: de toestand van de workflow wordt in het leesmodel geschreven (ook als de projectieversie ' +
      'gelijk is) en ontbrekende workflows worden via de workflow-start-outbox gestart (idempotent). Vastgelopen bezorgingen worden alleen gemeld.',
  })
  @ApiOkResponse({ type: ReconciliationRepairDto })
  async repair(): Promise<ReconciliationRepairDto> {
    const report = await this.reconcile.execute({ repair: true });
    return { ...report, repaired: report.repaired ?? 0 };
  }
}
