import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from '@kp/shared/http';
import type { Principal } from '@kp/toegang/principal';
import { NotificationRecord, NotificationRepository } from '../../repositories/notification.repository';
import type { NotificationDto, NotificationPageDto } from '../../dtos/notification.dto';
import { inboxScopeFor } from './inbox-scope';

export const DEFAULT_PAGE_SIZE = 20;

export function toNotificationDto(n: NotificationRecord): NotificationDto {
  return {
    id: n.id,
    knelpuntId: n.knelpuntId,
    reference: n.reference,
    kind: n.kind,
    subject: n.subject,
    body: n.body,
    recipientRole: n.recipientRole,
    recipientScope: n.recipientScope,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
    read: n.readAt !== null,
  };
}

/** The caller's notifications, newest first, one keyset page at a time, with the inbox's unread count. */
@Injectable()
export class ListNotificationsUseCase {
  constructor(private readonly notifications: NotificationRepository) {}

  async execute(principal: Principal, query: { unread?: boolean; limit?: number; cursor?: string }): Promise<NotificationPageDto> {
    const scope = inboxScopeFor(principal);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    let after: { createdAt: string; id: string } | undefined;
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor, ['timestamp', 'uuid']);
      after = { createdAt, id };
    }
    const rows = await this.notifications.page(scope, { unread: query.unread, limit, after });
    const unreadCount = await this.notifications.countUnread(scope);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toNotificationDto),
      nextCursor: rows.length > limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
      unreadCount,
    };
  }
}
