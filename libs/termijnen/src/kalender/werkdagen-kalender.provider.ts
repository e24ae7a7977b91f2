import { Injectable } from '@nestjs/common';
import { WerkdagenKalender } from '@kp/domain';
import { GelijkgesteldeDagRepository } from '../repositories/gelijkgestelde-dag.repository';

/** How long a loaded calendar is used before the equated days are read again. */
export const KALENDER_CACHE_MS = 60_000;

/**
 * The working-day calendar with the equated days stored in the database, cached per process for
 * {@link KALENDER_CACHE_MS}. A day added through this process's API is visible at once (the cache is dropped);
 * other processes (the worker) see it within a minute.
 */
@Injectable()
export class WerkdagenKalenderProvider {
  private cached: { kalender: WerkdagenKalender; until: number } | null = null;
  private loading: Promise<WerkdagenKalender> | null = null;
  private generation = 0;

  constructor(private readonly dagen: GelijkgesteldeDagRepository) {}

  async get(): Promise<WerkdagenKalender> {
    if (this.cached && this.cached.until > Date.now()) return this.cached.kalender;
    // Concurrent callers share one load.
    if (!this.loading) {
      const loading: Promise<WerkdagenKalender> = this.load().finally(() => {
        if (this.loading === loading) this.loading = null;
      });
      this.loading = loading;
    }
    return this.loading;
  }

  invalidate(): void {
    this.generation += 1;
    this.cached = null;
    this.loading = null;
  }

  private async load(): Promise<WerkdagenKalender> {
    const generation = this.generation;
    const days = await this.dagen.list();
    const kalender = new WerkdagenKalender(days.map((d) => ({ date: d.date, name: d.name })));
    // A load that raced with invalidate() is used once but not cached.
    if (generation === this.generation) this.cached = { kalender, until: Date.now() + KALENDER_CACHE_MS };
    return kalender;
  }
}
