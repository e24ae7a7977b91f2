import { Injectable } from '@nestjs/common';

/**
 * Wakes the DeliveryDispatcher of this process after an enqueue has committed, so a notification goes out now
 * instead of at the next poll (DELIVERY_INTERVAL_MS). A no-op in a process without a dispatcher (the API).
 */
@Injectable()
export class DeliveryKicker {
  private readonly listeners = new Set<() => void>();

  kick(): void {
    for (const l of this.listeners) l();
  }

  /** Returns the unsubscribe function. */
  onKick(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
