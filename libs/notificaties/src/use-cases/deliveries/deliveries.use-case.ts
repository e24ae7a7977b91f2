import { Injectable } from '@nestjs/common';
import { DomainException, ErrorCode } from '@kp/shared/errors';
import { decodeCursor, encodeCursor } from '@kp/shared/http';
import type { DeliveryDto, DeliveryPageDto } from '../../dtos/delivery.dto';
import { deliveryStateOf } from '../../outbox/backoff';
import { DeliveryRecord, DeliveryRepository } from '../../outbox/delivery.repository';

export const DEFAULT_DELIVERY_PAGE_SIZE = 20;

export function toDeliveryDto(d: DeliveryRecord): DeliveryDto {
  return {
    id: d.id,
    notificationId: d.notificationId,
    channel: d.channel,
    state: d.state,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt.toISOString(),
    leaseUntil: d.leaseUntil ? d.leaseUntil.toISOString() : null,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    sentAt: d.sentAt ? d.sentAt.toISOString() : null,
    knelpuntId: d.knelpuntId,
    reference: d.reference,
    kind: d.kind,
    subject: d.subject,
    recipientRole: d.recipientRole,
    recipientScope: d.recipientScope,
    attemptLog: d.attemptLog.map((a) => ({
      attempt: a.attempt,
      startedAt: a.startedAt.toISOString(),
      finishedAt: a.finishedAt ? a.finishedAt.toISOString() : null,
      outcome: a.outcome,
      error: a.error,
    })),
  };
}

/** The mail and webhook deliveries for the admin, newest first, one keyset page at a time, each with its attempts. */
@Injectable()
export class ListDeliveriesUseCase {
  constructor(private readonly deliveries: DeliveryRepository) {}

  async execute(query: { state?: string; limit?: number; cursor?: string }): Promise<DeliveryPageDto> {
    const limit = query.limit ?? DEFAULT_DELIVERY_PAGE_SIZE;
    const state = query.state === undefined ? undefined : deliveryStateOf(query.state);
    if (state === null) throw DomainException.validation([{ name: 'state', reason: 'is geen bekende toestand' }]);
    let after: { createdAt: string; id: string } | undefined;
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor, ['timestamp', 'uuid']);
      after = { createdAt, id };
    }
    const rows = await this.deliveries.page({ state, limit, after });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toDeliveryDto),
      nextCursor: rows.length > limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
    };
  }
}

/** A dead letter ('mislukt') back to 'wachtend': the dispatcher tries it again, with a fresh DELIVERY_MAX_ATTEMPTS. */
@Injectable()
export class RetryDeliveryUseCase {
  constructor(private readonly deliveries: DeliveryRepository) {}

  async execute(id: string): Promise<DeliveryDto> {
    const result = await this.deliveries.retry(id);
    if (result === null) throw DomainException.notFound(`Bezorging ${id} bestaat niet`);
    if ('conflict' in result) {
      throw new DomainException(
        ErrorCode.CONFLICT,
        `Alleen een mislukte bezorging kan opnieuw worden aangeboden; deze is '${result.conflict}'`,
        [],
        { state: result.conflict },
      );
    }
    return toDeliveryDto(result);
  }
}
