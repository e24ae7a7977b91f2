import { ApiProperty } from '@nestjs/swagger';
import { DEADLINE_KINDS, POLITIEKE_INSTRUMENTEN, TERM_UNITS } from '@kp/domain';
import { ActorDto } from './actor.dto';

export class TermDto {
  @ApiProperty({ minimum: 0, maximum: 366, example: 8 }) amount: number;
  @ApiProperty({ enum: TERM_UNITS, example: 'weken' }) unit: string;
}

export class DeadlinePolicyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Organisatiecode; null = standaardbeleid voor alle organisaties',
    example: null,
  })
  organisation: string | null;
  @ApiProperty({ enum: DEADLINE_KINDS }) kind: string;
  @ApiProperty({ nullable: true, type: String, enum: POLITIEKE_INSTRUMENTEN, description: 'Alleen bij politieke_reactie' })
  instrument: string | null;
  @ApiProperty({ type: TermDto, description: 'Niet gebruikt bij streefdatum en acu_behandeling (vaste datum)' }) term: TermDto;
  @ApiProperty({
    type: [Number],
    example: [10, 5, 0],
    description: 'Herinneringen: aantal werkdagen vóór de uiterste datum (0 = op de dag zelf)',
  })
  reminderWerkdagen: number[];
  @ApiProperty({ nullable: true, type: Number, example: 7, description: 'Na het verstrijken elke N dagen een herinnering; null = niet' })
  overdueRepeatDays: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 4, description: 'Na N weken over de termijn naar de ACU-agenda; null = uit' })
  acuAfterOverdueWeeks: number | null;
  @ApiProperty({ description: 'Bij het verstrijken ook de programmadirectie (en de ruimere kring) berichten' })
  notifyProgrammadirectieWhenOverdue: boolean;
  @ApiProperty({ minimum: 0, maximum: 23, example: 9, description: 'Uur (Europe/Amsterdam) waarop herinneringen uitgaan' })
  reminderHour: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: ActorDto }) updatedBy: ActorDto;
}

export class DeadlinePolicyListDto {
  @ApiProperty({ type: [DeadlinePolicyDto] }) items: DeadlinePolicyDto[];
}
