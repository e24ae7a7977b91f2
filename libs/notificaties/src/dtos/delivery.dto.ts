import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '@kp/shared/http/page-query.dto';
import { DELIVERY_STATE_ALIASES, DELIVERY_STATES } from '../outbox/backoff';
import { DELIVERY_CHANNELS } from '../outbox/delivery-id';

const STATE_FILTERS = [...DELIVERY_STATES, ...Object.keys(DELIVERY_STATE_ALIASES)];

export class DeliveryAttemptDto {
  @ApiProperty({ example: 1, description: 'Volgnummer van de poging' }) attempt: number;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'null zolang de poging loopt' }) finishedAt: string | null;
  @ApiProperty({
    enum: ['verzonden', 'overgeslagen', 'mislukt', 'onderbroken'],
    nullable: true,
    type: String,
    description: 'onderbroken = de verzender stopte tijdens de poging (het bericht gaat nog één keer, met dezelfde sleutel)',
  })
  outcome: string | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'Ook de Idempotency-Key van de webhook' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'De melding; ook de Message-ID van de e-mail' }) notificationId: string;
  @ApiProperty({ enum: DELIVERY_CHANNELS }) channel: string;
  @ApiProperty({ enum: DELIVERY_STATES, description: 'wachtend, bezig, verzonden, overgeslagen of mislukt (dode brief)' }) state: string;
  @ApiProperty({ example: 3 }) attempts: number;
  @ApiProperty({ format: 'date-time', description: 'Wanneer de volgende poging op zijn vroegst volgt (bij wachtend)' })
  nextAttemptAt: string;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Bij bezig: tot wanneer deze verzender de bezorging heeft; daarna neemt een andere haar over',
  })
  leaseUntil: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Laatste fout, of waarom de bezorging is overgeslagen' }) lastError:
    string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) knelpuntId: string | null;
  @ApiProperty({ example: 'UWV-00001' }) reference: string;
  @ApiProperty({ example: 'herinnering' }) kind: string;
  @ApiProperty() subject: string;
  @ApiProperty({ example: 'driehoek' }) recipientRole: string;
  @ApiProperty({ nullable: true, type: String }) recipientScope: string | null;
  @ApiProperty({ type: [DeliveryAttemptDto], description: 'Alle pogingen, oudste eerst' }) attemptLog: DeliveryAttemptDto[];
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryDto] }) items: DeliveryDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Geef mee als cursor voor de volgende pagina; null = laatste pagina' })
  nextCursor: string | null;
}

export class ListDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: STATE_FILTERS,
    description:
      'Alleen bezorgingen in deze toestand: wachtend, bezig, verzonden, overgeslagen, mislukt, of de Engelse namen pending, sending, sent, skipped, failed',
  })
  @IsOptional()
  @IsIn(STATE_FILTERS, { message: `moet een van ${STATE_FILTERS.join(', ')} zijn` })
  state?: string;
}

export class DeliveryIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'moet een geldige UUID zijn' })
  id: string;
}
