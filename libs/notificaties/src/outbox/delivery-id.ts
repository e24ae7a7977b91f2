import { uuidV5 } from '../use-cases/notify/recipients';

export const DELIVERY_CHANNELS = ['mail', 'webhook'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** Namespace of the delivery ids (a fixed random UUID; frozen in migration 1765000000000-delivery-outbox). */
export const DELIVERY_NAMESPACE = 'b0a3c6e4-5f2d-4c8e-9a71-2d4e6f8a0c13';

/** The id of the delivery of one notification over one channel: the same pair always gives the same id. */
export function deliveryId(notificationId: string, channel: DeliveryChannel): string {
  return uuidV5(`${notificationId}:${channel}`, DELIVERY_NAMESPACE);
}
