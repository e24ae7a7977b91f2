import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DRIFT_KINDS, type DriftKind } from './drift';

export class DriftDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Het knelpunt (leeg bij een bezorging zonder knelpunt)' })
  knelpuntId: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'UWV-00018' })
  reference: string | null;

  @ApiProperty({ enum: DRIFT_KINDS, description: 'Soort afwijking (stabiele code)' })
  kind: DriftKind;

  @ApiProperty({ description: 'Wat er afwijkt, in woorden', example: "Het leesmodel zegt status 'bij_acu', de workflow 'bij_driehoek'." })
  detail: string;

  @ApiPropertyOptional({ description: 'Alleen bij herstel: of deze afwijking hersteld is' })
  repaired?: boolean;
}

export class DriftCountDto {
  @ApiProperty({ enum: DRIFT_KINDS }) kind: DriftKind;
  @ApiProperty({ example: 2 }) count: number;
}

export class ReconciliationReportDto {
  @ApiProperty({ format: 'date-time', description: 'Moment waarop de controle begon' })
  checkedAt: string;

  @ApiProperty({ example: 120, description: 'Aantal knelpunten vergeleken met hun workflow' })
  checked: number;

  @ApiProperty({ description: 'Of de bezorgingen van meldingen zijn gecontroleerd (false zolang de bezorg-outbox niet bestaat)' })
  deliveriesChecked: boolean;

  @ApiProperty({ type: [DriftDto], description: 'Alle afwijkingen; leeg = geen drift' })
  drift: DriftDto[];

  @ApiProperty({ type: [DriftCountDto], description: 'Aantal afwijkingen per soort' })
  counts: DriftCountDto[];
}

export class ReconciliationRepairDto extends ReconciliationReportDto {
  @ApiProperty({ example: 1, description: 'Aantal afwijkingen dat is hersteld' })
  repaired: number;
}
