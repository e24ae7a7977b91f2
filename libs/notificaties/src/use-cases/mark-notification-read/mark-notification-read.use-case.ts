import { Injectable } from '@nestjs/common';
import { DomainException } from '@kp/shared/errors';
import type { Principal } from '@kp/toegang/principal';
import { NotificationRepository } from '../../repositories/notification.repository';
import type { NotificationDto } from '../../dtos/notification.dto';
import { inboxScopeFor } from '../list-notifications/inbox-scope';
import { toNotificationDto } from '../list-notifications/list-notifications.use-case';

/**
 * Marks a notification of the caller's inbox read (for the whole recipient group). Someone else's notification
 * is answered with 404, so ids of other inboxes are not revealed. Marking twice keeps the first time.
 */
@Injectable()
export class MarkNotificationReadUseCase {
  constructor(private readonly notifications: NotificationRepository) {}

  async execute(principal: Principal, id: string): Promise<NotificationDto> {
    const updated = await this.notifications.markRead(id, inboxScopeFor(principal));
    if (!updated) throw DomainException.notFound(`Melding ${id} bestaat niet of is niet voor u bestemd.`);
    return toNotificationDto(updated);
  }
}
